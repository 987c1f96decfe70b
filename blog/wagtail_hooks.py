"""Admin screens: topics, the reader-comment moderation queue and the writer's dashboard."""

from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from blog.admin_menus import guide_menu_item, newsroom_help, reports_for_role
from blog.admin_panels import MyArticlesPanel
from blog.author_chooser import author_chooser_viewset
from blog.autosave import (
    AUTOSAVE_ACTION,
    AUTOSAVE_LABELS,
    label_autosave,
    skip_empty_autosave,
)
from blog.comment_admin import (
    LOG_ACTIONS,
    MODERATION_ACTIONS,
    ModerationQueueView,
    PendingCommentsSummaryItem,
    moderation_columns,
    record_edited_status,
)
from blog.editor_aids import length_hints_script
from blog.guide import EditorsGuideView
from blog.models import AuthorPage, ReaderComment, Topic
from blog.new_article import (
    NewArticleMenuItem,
    NewArticlePanel,
    article_sections_for,
    new_article,
)
from blog.review import (
    ChangeRequestsPanel,
    ReviewInboxPanel,
    drop_duplicate_restart,
    show_change_request,
)
from blog.section_listing import article_page_viewset
from blog.translation_buttons import replace_row_menu_hook
from blog.translations import show_translation_state
from blog.word_count import body_word_count


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug"]
    search_fields = ["name"]
    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        InlinePanel(
            "names",
            label=_("Names in other editions"),
            help_text=_(
                "What readers of each other edition see; an edition without "
                "a name here shows the topic's own name."
            ),
        ),
    ]


class ReaderCommentFilterSet(WagtailFilterSet):
    class Meta:
        model = ReaderComment
        fields = ["status"]


class ReaderCommentViewSet(SnippetViewSet):
    """
    The moderation queue: pending comments first, then newest first, with
    article, excerpt, name and date; filterable by status; bulk and per-row
    approve, reject and mark as spam (``blog.comment_admin``).
    """

    model = ReaderComment
    icon = "comment"
    menu_label = _("Reader comments")
    add_to_admin_menu = True
    menu_order = 220
    index_view_class = ModerationQueueView
    # Article, thread and date are facts, not choices: read-only, which also
    # spares the form a <select> of every article and every comment.
    panels = [
        FieldPanel("status"),
        FieldPanel("article", read_only=True),
        FieldPanel("parent", read_only=True),
        FieldPanel("created_at", read_only=True),
        FieldPanel("name"),
        FieldPanel("email"),
        FieldPanel("website"),
        FieldPanel("body"),
    ]
    list_display = moderation_columns()
    filterset_class = ReaderCommentFilterSet
    search_fields = ["name", "body"]


register_snippet(TopicViewSet)
register_snippet(ReaderCommentViewSet)


@hooks.register("register_admin_viewset")
def register_author_chooser():
    return author_chooser_viewset


@hooks.register("register_admin_viewset")
def register_article_pages():
    return article_page_viewset


@hooks.register("construct_homepage_panels")
def add_my_articles_panel(request, panels):
    author = AuthorPage.objects.filter(user=request.user).first()
    if author is not None:
        panels.append(MyArticlesPanel(author))


@hooks.register("construct_homepage_panels")
def add_new_article_button(request, panels):
    sections = article_sections_for(request.user)
    if sections:
        panels.insert(0, NewArticlePanel(sections))


@hooks.register("register_admin_urls")
def register_new_article_url():
    return [path("newsroom/new-article/", new_article, name="newsroom_new_article")]


@hooks.register("register_admin_urls")
def register_editors_guide_url():
    return [
        path(
            "newsroom/guide/",
            EditorsGuideView.as_view(),
            name="newsroom_editors_guide",
        )
    ]


hooks.register("register_help_menu_item", guide_menu_item)
hooks.register("construct_help_menu", newsroom_help)
hooks.register("construct_reports_menu", reports_for_role)


@hooks.register("register_admin_urls")
def register_word_count_url():
    return [
        path("newsroom/word-count/", body_word_count, name="newsroom_body_word_count")
    ]


@hooks.register("insert_editor_js")
def live_word_count_js():
    return format_html(
        '<script src="{}" data-word-count-url="{}" data-checks-hint="{}" defer></script>',
        static("js/word-count.js"),
        reverse("newsroom_body_word_count"),
        _("Words in the article body, as readers and the API count them"),
    )


hooks.register("insert_editor_js", length_hints_script)


@hooks.register("insert_editor_js")
def schedule_dialog_js():
    return format_html(
        '<script src="{}" defer></script>', static("js/schedule-dialog.js")
    )


@hooks.register("register_admin_menu_item")
def register_new_article_menu_item():
    return NewArticleMenuItem(
        _("New article"),
        reverse("newsroom_new_article"),
        icon_name="plus",
        order=50,
    )


@hooks.register("construct_homepage_panels")
def add_change_requests_panel(request, panels):
    panels.append(ChangeRequestsPanel(request.user))


@hooks.register("construct_homepage_panels")
def compare_from_the_review_inbox(request, panels):
    panels[:] = [
        ReviewInboxPanel() if type(panel) is WorkflowObjectsToModeratePanel else panel
        for panel in panels
    ]


for _action in MODERATION_ACTIONS:
    hooks.register("register_bulk_action", _action)


@hooks.register("register_log_actions")
def register_comment_log_actions(actions):
    for action, label, message in LOG_ACTIONS:
        actions.register_action(action, label, message)
    actions.register_action(AUTOSAVE_ACTION, *AUTOSAVE_LABELS)


@hooks.register("construct_homepage_summary_items")
def add_pending_comments_summary(request, items):
    items.append(PendingCommentsSummaryItem(request))


hooks.register("after_edit_snippet", record_edited_status)


hooks.register("before_edit_page", skip_empty_autosave)
hooks.register("after_edit_page", label_autosave)


@hooks.register("insert_global_admin_js")
def bulk_count_js():
    return format_html('<script src="{}" defer></script>', static("js/bulk-count.js"))


@hooks.register("insert_global_admin_css")
def newsroom_admin_css():
    return format_html(
        '<link rel="stylesheet" href="{}">', static("css/newsroom-admin.css")
    )


hooks.register("before_edit_page", show_change_request)
hooks.register("before_edit_page", show_translation_state)
hooks.register("construct_page_action_menu", drop_duplicate_restart)

replace_row_menu_hook()
