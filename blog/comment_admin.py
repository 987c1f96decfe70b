"""
Moderating reader comments in the Wagtail admin: the queue, its bulk and
single-item actions (approve, reject, mark as spam) and the dashboard count.

Who may moderate is Wagtail's own snippet permission: "change reader
comment", which the Editors and Administrators groups hold and Writers do not.
"""

from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db.models import Case, IntegerField, Value, When
from django.middleware.csrf import get_token
from django.urls import reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.admin.site_summary import SummaryItem
from wagtail.admin.ui.menus import MenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.log_actions import log
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.snippet_bulk_action import SnippetBulkAction
from wagtail.snippets.views.snippets import IndexView

from blog.models import ReaderComment

Status = ReaderComment.Status


def can_moderate(user):
    return policy_registry.get_by_type(ReaderComment).user_has_permission(
        user, "change"
    )


class ModerateBulkAction(SnippetBulkAction):
    """
    Give the selected comments one status, in one UPDATE, recording who
    decided and when. Approving shows a comment to readers at once: the
    article's Delivery API document is rebuilt when the transaction commits.
    """

    models = [ReaderComment]
    status = None
    log_action = None
    template_name = "blog/admin/confirm_bulk_moderate.html"

    def dispatch(self, request, *args, **kwargs):
        # Without the permission at all, refuse outright rather than list
        # every comment as one "you may not change".
        if not can_moderate(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def check_perm(self, comment):
        return self.permission_policy.user_has_permission_for_instance(
            self.request.user, "change", comment
        )

    def get_execution_context(self):
        return {**super().get_execution_context(), "user": self.request.user}

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        changing = [comment for comment in objects if comment.status != cls.status]
        count = ReaderComment.objects.filter(
            pk__in=[comment.pk for comment in changing]
        ).moderate(cls.status, user)
        for comment in changing:
            log(instance=comment, action=cls.log_action, user=user)
        return count, 0

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "action_label": self.display_name,
            "status_label": Status(self.status).label,
        }

    def get_success_message(self, num_parent_objects, num_child_objects):
        return ngettext(
            "%(count)d reader comment: %(status)s.",
            "%(count)d reader comments: %(status)s.",
            num_parent_objects,
        ) % {"count": num_parent_objects, "status": Status(self.status).label}


class ApproveBulkAction(ModerateBulkAction):
    display_name = _("Approve")
    action_type = "approve"
    aria_label = _("Approve the selected comments")
    status = Status.APPROVED
    log_action = "blog.comment.approve"
    icon_name = "check"
    action_priority = 10


class RejectBulkAction(ModerateBulkAction):
    display_name = _("Reject")
    action_type = "reject"
    aria_label = _("Reject the selected comments")
    status = Status.REJECTED
    log_action = "blog.comment.reject"
    icon_name = "cross"
    action_priority = 20


class SpamBulkAction(ModerateBulkAction):
    display_name = _("Mark as spam")
    action_type = "spam"
    aria_label = _("Mark the selected comments as spam")
    status = Status.SPAM
    log_action = "blog.comment.spam"
    icon_name = "warning"
    action_priority = 25
    classes = {"serious"}


MODERATION_ACTIONS = (ApproveBulkAction, RejectBulkAction, SpamBulkAction)

LOG_ACTIONS = (
    ("blog.comment.approve", _("Approve reader comment"), _("Comment approved")),
    ("blog.comment.reject", _("Reject reader comment"), _("Comment rejected")),
    ("blog.comment.spam", _("Mark reader comment as spam"), _("Marked as spam")),
)


def record_edited_status(request, instance):
    """
    An editor who changes a comment's status in its edit form has moderated
    it too: record who and when, as the moderation actions do.
    """
    if not isinstance(instance, ReaderComment):
        return
    if getattr(instance, "_loaded_status", instance.status) == instance.status:
        return
    ReaderComment.objects.filter(pk=instance.pk).update(
        moderated_at=timezone.now(), moderated_by=request.user
    )
    actions = {action.status: action.log_action for action in MODERATION_ACTIONS}
    if instance.status in actions:
        log(instance=instance, action=actions[instance.status], user=request.user)


def moderation_url(action, comment_ids, next_url):
    """The confirmation page of a moderation action for these comments."""
    url = reverse(
        "wagtail_bulk_action",
        args=(ReaderComment._meta.app_label, ReaderComment._meta.model_name, action),
    )
    query = [("id", quote(pk)) for pk in comment_ids] + [("next", next_url)]
    return f"{url}?{urlencode(query)}"


class ModerationQueueView(IndexView):
    """
    The queue: comments awaiting moderation first, then the rest, newest
    first within each group; each row offers approve, reject and spam.
    """

    default_ordering = ("queue_position", "-created_at", "-pk")

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("article")
            .annotate(
                queue_position=Case(
                    When(status=Status.PENDING, then=Value(0)),
                    default=Value(1),
                    output_field=IntegerField(),
                )
            )
        )

    def get_list_more_buttons(self, instance):
        buttons = super().get_list_more_buttons(instance)
        if not can_moderate(self.request.user):
            return buttons
        next_url = self.request.get_full_path()
        for priority, action in enumerate(MODERATION_ACTIONS, start=1):
            if instance.status != action.status:
                buttons.append(
                    MenuItem(
                        action.display_name,
                        url=moderation_url(action.action_type, [instance.pk], next_url),
                        icon_name=action.icon_name,
                        priority=priority,
                    )
                )
        return buttons


class OneClickModerationColumn(Column):
    """
    Approve and Reject as buttons on each row, acting at once (a POST to the
    same bulk action, which skips its confirmation page): the common case of
    the queue is one click per comment. Spam and several comments at a time
    stay with the row's menu and the bulk bar.
    """

    cell_template_name = "blog/admin/moderate_cell.html"
    ONE_CLICK = (ApproveBulkAction, RejectBulkAction)

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        request = parent_context["request"]
        next_url = request.get_full_path()
        context["actions"] = (
            [
                {
                    "label": action.display_name,
                    "type": action.action_type,
                    "url": moderation_url(action.action_type, [instance.pk], next_url),
                }
                for action in self.ONE_CLICK
                if instance.status != action.status
            ]
            if can_moderate(request.user)
            else []
        )
        # Table cells render without the request's context processors.
        context["csrf_token"] = get_token(request)
        context["comment"] = instance
        return context


def moderation_columns():
    return [
        "excerpt",
        OneClickModerationColumn("moderate", label=_("Moderate"), accessor="pk"),
        Column("article", label=_("Article"), accessor="article"),
        Column("name", label=_("Name"), sort_key="name"),
        Column(
            "status",
            label=_("Status"),
            accessor="get_status_display",
            sort_key="status",
        ),
        DateColumn("created_at", label=_("Submitted"), sort_key="created_at"),
    ]


class PendingCommentsSummaryItem(SummaryItem):
    """'N reader comments awaiting moderation' on the dashboard, for moderators."""

    order = 300
    template_name = "blog/admin/pending_comments_summary.html"

    def get_context_data(self, parent_context):
        index_url = reverse(ReaderComment.snippet_viewset.get_url_name("list"))
        return {
            "pending_count": ReaderComment.objects.pending().count(),
            "queue_url": f"{index_url}?{urlencode({'status': Status.PENDING})}",
            "label": capfirst(ReaderComment._meta.verbose_name_plural),
        }

    def is_shown(self):
        return can_moderate(self.request.user)
