from django.db import models
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

from home.panels import SlugPanel


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
                SlugPanel("slug"),
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

    # Where the description and the shared image come from when the page's
    # own SEO fields are blank, in order: an article's standfirst and hero
    # image, an author's short bio and photo.
    description_fallbacks = ("standfirst", "short_bio")
    image_fallbacks = ("hero_image", "photo")
    # The Open Graph type of the page ("article" for news stories).
    og_type = "website"
    # Search engines show about 160 characters of a description.
    META_DESCRIPTION_LENGTH = 160

    class Meta:
        abstract = True

    @property
    def meta_title(self):
        return self.seo_title or self.title

    def get_canonical_url(self, request=None):
        return self.canonical_url or self.get_full_url(request)

    @property
    def meta_description(self):
        """The search and sharing description: the page's own, else its summary."""
        text = self.search_description or next(
            (
                getattr(self, name)
                for name in self.description_fallbacks
                if getattr(self, name, "")
            ),
            "",
        )
        return Truncator(" ".join(str(text).split())).chars(
            self.META_DESCRIPTION_LENGTH
        )

    @property
    def sharing_image(self):
        """The image a shared link shows: the social image, else the page's own picture."""
        if self.social_image_id:
            return self.social_image
        for name in self.image_fallbacks:
            image = getattr(self, name, None)
            if image is not None:
                return image
        return None
