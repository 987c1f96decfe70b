"""
"New article": one labelled way for a writer to start a story, from the
sidebar and the dashboard, instead of finding the unlabelled (+) of the
News listing.
"""

from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail.admin.menu import MenuItem

from blog.models import ArticleIndexPage, ArticlePage


def article_sections_for(user):
    """The article indexes (News, ...) under which ``user`` may add an article."""
    return [
        index
        for index in ArticleIndexPage.objects.select_related("locale").order_by("path")
        if ArticlePage.can_create_at(index)
        and index.permissions_for_user(user).can_add_subpage()
    ]


def new_article_url(section):
    return reverse("wagtailadmin_pages:add", args=("blog", "articlepage", section.pk))


def new_article(request):
    """Open the editor on a new article in the first section the user may write in."""
    sections = article_sections_for(request.user)
    if not sections:
        raise PermissionDenied
    return redirect(new_article_url(sections[0]))


class NewArticleMenuItem(MenuItem):
    """The sidebar's "New article", shown to whoever may add an article."""

    def is_shown(self, request):
        return bool(article_sections_for(request.user))


class NewArticlePanel(Component):
    """The dashboard's "New article" button, first on the page."""

    name = "new_article"
    template_name = "blog/admin/new_article_panel.html"
    order = 10

    def __init__(self, sections):
        self.sections = sections

    def get_context_data(self, parent_context):
        # With several editions, News exists once per language: the buttons
        # after the first name the section's edition, or they read the same.
        editions = {section.locale_id for section in self.sections}
        return {
            "sections": [
                (
                    section,
                    new_article_url(section),
                    section.locale.get_display_name() if len(editions) > 1 else "",
                )
                for section in self.sections
            ],
            "label": _("New article"),
        }
