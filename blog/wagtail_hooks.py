"""Admin screens for the newsroom's snippets: topics and the reader-comment moderation queue."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.filters import WagtailFilterSet
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.models import ReaderComment, Topic


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
