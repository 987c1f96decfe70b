"""
Standard pages: the newsroom's About, Contact, Terms, Ethics and
Corrections policy pages, written and reviewed like articles.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from blog.blocks import ArticleBodyBlock
from blog.permissions import NewsroomPermissions
from home.seo import SeoFields

from .expiry import ExpiresWhenRead


class StandardPage(NewsroomPermissions, ExpiresWhenRead, SeoFields, Page):
    """
    A page that is not news: an introduction and a body of the same blocks
    as an article (headings, tables, documents, questions and answers).

    It lives under the home page, or under another standard page ("About" →
    "Our staff"), and goes through the newsroom's editorial review, which
    is assigned to the home page (``blog.editorial.newsroom_sections``): a
    writer drafts and submits, an editor approves.
    """

    parent_page_types = ["home.HomePage", "blog.StandardPage"]
    subpage_types = ["blog.StandardPage"]

    intro = models.TextField(
        _("introduction"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the title."),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("intro", boost=5),
        index.SearchField("body", boost=2),
    ]

    class Meta:
        verbose_name = _("standard page")
        verbose_name_plural = _("standard pages")
