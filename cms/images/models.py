from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import AbstractImage, AbstractRendition, Image


class NewsImage(AbstractImage):
    """
    A photograph as a newsroom uses it: with the caption printed under it,
    the credit owed to the photographer or agency, and alt text for readers
    who cannot see it. Every use of the image (hero, body block, author
    photo) shows the same caption and credit unless the use overrides them.
    """

    alt_text = models.CharField(
        _("alt text"),
        max_length=255,
        blank=True,
        help_text=_("Describe the image for readers who cannot see it."),
    )
    caption = models.CharField(_("caption"), max_length=500, blank=True)
    credit = models.CharField(
        _("credit"),
        max_length=255,
        blank=True,
        help_text=_("Photographer or agency, e.g. 'Reuters / Jane Doe'."),
    )

    admin_form_fields = (
        *[name for name in Image.admin_form_fields if name != "description"],
        "alt_text",
        "caption",
        "credit",
    )

    # Image permissions are Wagtail's own (``wagtailimages.add_image`` and so
    # on): its permission policy checks those whatever the image model is.
    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")

    @property
    def default_alt_text(self):
        return self.alt_text or self.title


class NewsRendition(AbstractRendition):
    """A resized or re-encoded copy of a ``NewsImage``."""

    image = models.ForeignKey(
        NewsImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
