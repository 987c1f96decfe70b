"""
The admin's listing of a news section (an ``ArticleIndexPage``'s articles),
at the cost of one page of rows however large the archive grows.

Wagtail's page explorer narrows every listing to the pages the user may
explore (``pk IN`` every explorable page) and counts the result for its
paginator. In a section of 100,000 articles that count read every article
and every page of the site, and took more time than the 50 rows it
paginates. But a user who holds any page permission on the section, or an
administrator, may explore all of its articles, so for the plain listing
of its children (not a search or a filter) the narrowing changes nothing
and the count is the section's own ``numchild``, which Wagtail's tree keeps
on every move, add and delete. Both are skipped there, and only there.
"""

from django.utils.functional import cached_property
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.pages.listing import ExplorableIndexView
from wagtail.admin.viewsets.pages import PageViewSet

from .models import ArticleIndexPage, ArticlePage

# What makes a page explorable (Wagtail's PagePermissionPolicy).
EXPLORING_ACTIONS = {"add", "change", "publish", "lock", "unlock", "bulk_delete"}


class CountedPaginator(WagtailPaginator):
    """A paginator told its total instead of counting its rows."""

    def __init__(self, object_list, per_page, *, count, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self._count = count

    @cached_property
    def count(self):
        return self._count


class SectionIndexView(ExplorableIndexView):
    """The explorer of a news section, listing its articles."""

    @cached_property
    def explores_every_child(self):
        """Whether every article of the section is explorable by this user."""
        if self.is_searching or self.is_filtering:
            return False
        user = self.request.user
        if user.is_superuser:
            return True
        return bool(self.permissions.permissions & EXPLORING_ACTIONS)

    def get_base_queryset(self):
        if not self.explores_every_child:
            return super().get_base_queryset()
        pages = self.model._default_manager.child_of(self.parent_page)
        return self.annotate_queryset(pages)

    def get_paginator(self, queryset, per_page, **kwargs):
        if not self.explores_every_child:
            return super().get_paginator(queryset, per_page, **kwargs)
        return CountedPaginator(
            queryset, per_page, count=self.parent_page.numchild, **kwargs
        )


class ArticlePageViewSet(PageViewSet):
    """Wagtail's views for articles, with the section listing above."""

    model = ArticlePage
    parent_models = [ArticleIndexPage]
    index_view_class = SectionIndexView


article_page_viewset = ArticlePageViewSet()
