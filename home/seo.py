from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel


class SeoFields(models.Model):
    """
    Search and social fields shared by every public page type.

    Wagtail's ``Page`` already carries ``seo_title`` and ``search_description``;
    this adds the image shown when the page is shared, a canonical URL for
    syndicated stories whose original lives elsewhere, and a way to keep a page
    out of search engines.
    """

    social_image = models.ForeignKey(
        "images.NewsImage",
        verbose_name=_("social image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared; defaults to the hero image or photo."
        ),
    )
    canonical_url = models.URLField(
        _("canonical URL"),
        blank=True,
        help_text=_(
            "Only for stories first published elsewhere; leave blank otherwise."
        ),
    )
    noindex = models.BooleanField(_("hide from search engines"), default=False)

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("social_image"),
                FieldPanel("canonical_url"),
                FieldPanel("noindex"),
            ],
            heading=_("Search and sharing"),
        ),
        MultiFieldPanel([FieldPanel("show_in_menus")], heading=_("Navigation")),
    ]

    class Meta:
        abstract = True

    @property
    def meta_title(self):
        return self.seo_title or self.title

    def get_canonical_url(self, request=None):
        return self.canonical_url or self.get_full_url(request)
