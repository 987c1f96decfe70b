from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting, register_setting
from wagtail.fields import RichTextField
from wagtail.models import Page

from .seo import SeoFields


class HomePage(SeoFields, Page):
    """
    The front page: an introduction and the latest live articles from every
    section (listed by the template through ``blog``'s ``latest_articles`` tag,
    so that the site's root knows nothing of the newsroom's page types).
    """

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "blog.ArticleIndexPage",
        "blog.AuthorIndexPage",
        "blog.StandardPage",
    ]

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("home page")


@register_setting(icon="globe")
class FrontendSettings(BaseSiteSetting):
    """
    Where this site's external frontend lives.

    The CMS is headless: readers mostly see pages rendered by a separate site
    (Next.js, a mobile app). These URLs let the CMS link to that site and show
    editors their draft as the frontend will render it.
    """

    base_url = models.URLField(
        _("frontend base URL"),
        blank=True,
        help_text=_("e.g. https://www.example.com; links in API responses point here."),
    )
    preview_url = models.URLField(
        _("frontend preview URL"),
        blank=True,
        help_text=_(
            "The frontend's preview route, e.g. https://www.example.com/api/preview. "
            "A signed token for the draft is appended as ?token=..."
        ),
    )

    panels = [FieldPanel("base_url"), FieldPanel("preview_url")]

    class Meta:
        verbose_name = _("external frontend")
