"""Admin screens: topics, the reader-comment moderation queue and the writer's dashboard."""

from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.admin_panels import MyArticlesPanel
from blog.models import AuthorPage, ReaderComment, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug"]
    search_fields = ["name"]


class ReaderCommentFilterSet(WagtailFilterSet):
    class Meta:
        model = ReaderComment
        fields = ["status"]


class ReaderCommentViewSet(SnippetViewSet):
    """The moderation queue: newest first, filterable by status."""

    model = ReaderComment
    icon = "comment"
    menu_label = _("Reader comments")
    add_to_admin_menu = True
    menu_order = 220
    list_display = ["name", "article", "status", "created_at"]
    filterset_class = ReaderCommentFilterSet
    search_fields = ["name", "body"]
    ordering = ["-created_at"]


register_snippet(TopicViewSet)
register_snippet(ReaderCommentViewSet)


@hooks.register("construct_homepage_panels")
def add_my_articles_panel(request, panels):
    author = AuthorPage.objects.filter(user=request.user).first()
    if author is not None:
        panels.append(MyArticlesPanel(author))
