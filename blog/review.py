"""
The review loop as editors and writers see it in the admin: what changed
since the last review, and the editor's request for changes.

Built on Wagtail's own records: task states (who approved or requested
changes, on which revision, with which comment), revisions and the revision
compare view. Nothing here stores state of its own.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.contenttypes.models import ContentType
from django.db.models import F, Q, Window
from django.db.models.functions import RowNumber
from django.utils.html import format_html
from django.utils.timesince import timesince
from django.utils.translation import gettext_lazy as _
from laces.components import Component
from wagtail.admin.templatetags.wagtailadmin_tags import user_display_name
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Page, Revision, TaskState, WorkflowState

# Wagtail's action menu item that starts a page's workflow again.
RESTART_ACTION = "action-restart-workflow"

# Bookkeeping that a revision's content carries but a reader never sees.
_BOOKKEEPING = frozenset(
    {
        "pk",
        "path",
        "depth",
        "numchild",
        "url_path",
        "live",
        "has_unpublished_changes",
        "first_published_at",
        "last_published_at",
        "latest_revision_created_at",
        "latest_revision",
        "live_revision",
        "draft_title",
        "locked",
        "locked_at",
        "locked_by",
        "owner",
        "comments",
        "wagtail_admin_comments",
    }
)
# How far back to look for a revision that differs from the submitted one.
_LOOKBACK = 50


def _content(revision):
    return {k: v for k, v in revision.content.items() if k not in _BOOKKEEPING}


def _page_revisions(page_ids):
    return Revision.objects.filter(
        base_content_type=ContentType.objects.get_for_model(Page),
        object_id__in=[str(pk) for pk in page_ids],
    )


def last_reviewed_revisions(currents):
    """
    For each page in ``currents`` (page id -> the revision in review): the
    task state in which an editor last approved or sent back a revision
    before that one, i.e. what the editor has already read. One query.
    """
    found = {}
    task_states = (
        TaskState.objects.filter(
            revision__in=_page_revisions(currents),
            status__in=[TaskState.STATUS_APPROVED, TaskState.STATUS_REJECTED],
        )
        .select_related("revision")
        .order_by("-finished_at", "-pk")
    )
    for task_state in task_states:
        page_id = int(task_state.revision.object_id)
        current = currents[page_id]
        if page_id not in found and task_state.revision.created_at < current.created_at:
            found[page_id] = task_state
    return found


def previous_different_revisions(currents):
    """
    For each page in ``currents`` (page id -> a revision): the newest
    earlier revision whose content differs from it. One query, reading at
    most ``_LOOKBACK`` earlier revisions of each page.

    Wagtail's "previous version" is the revision just before, which is often
    the writer's last "Save draft" of the very same text: submitting saves
    a revision again. Comparing against that shows "no differences".
    """
    if not currents:
        return {}
    earlier = Q()
    for page_id, current in currents.items():
        earlier |= Q(object_id=str(page_id), pk__lt=current.pk)
    revisions = (
        _page_revisions(currents)
        .filter(earlier)
        .annotate(
            newness=Window(
                RowNumber(), partition_by=F("object_id"), order_by=F("pk").desc()
            )
        )
        .filter(newness__lte=_LOOKBACK)
        .order_by("object_id", "-pk")
    )
    found = {}
    contents = {page_id: _content(current) for page_id, current in currents.items()}
    for revision in revisions:
        page_id = int(revision.object_id)
        if page_id not in found and _content(revision) != contents[page_id]:
            found[page_id] = revision
    return found


class ReviewInboxPanel(WorkflowObjectsToModeratePanel):
    """
    Wagtail's "Awaiting your review", with the two comparisons an editor
    needs one click away on each row: the changes since the version last
    reviewed (or, on a first submission, since the last different version),
    and the submitted version against what is live.

    The comparisons are found for all rows at once, in three queries
    whatever the length of the inbox.
    """

    template_name = "blog/admin/review_inbox_panel.html"

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        add_review_comparisons(context["states"])
        return context


def add_review_comparisons(states):
    """
    Give each row of the review inbox (Wagtail's ``states``) its
    ``since_revision`` and ``since_label``, and drop its ``live_revision_id``
    when the submitted version reads the same as the live one.
    """
    for state in states:
        state["since_revision"] = None
        state["since_label"] = None
    rows = [state for state in states if isinstance(state["obj"], Page)]
    currents = {state["obj"].pk: state["revision"] for state in rows}
    reviewed = last_reviewed_revisions(currents)
    unchanged_since_review = {
        page_id: currents[page_id]
        for page_id in currents
        if page_id not in reviewed
        or _content(reviewed[page_id].revision) == _content(currents[page_id])
    }
    previous = previous_different_revisions(unchanged_since_review)
    live = Revision.objects.in_bulk(
        [state["live_revision_id"] for state in rows if state["live_revision_id"]]
    )
    for state in rows:
        page_id, revision = state["obj"].pk, state["revision"]
        if page_id in unchanged_since_review:
            state["since_revision"] = previous.get(page_id)
            state["since_label"] = _("Changes since the previous version")
        else:
            state["since_revision"] = reviewed[page_id].revision
            state["since_label"] = _("Changes since last review")
        live_revision = live.get(state["live_revision_id"])
        if live_revision is not None and _content(live_revision) == _content(revision):
            state["live_revision_id"] = None


@dataclass
class ChangeRequest:
    """An editor's request for changes: the comment, who made it and when."""

    comment: str
    editor: object
    requested_at: object
    task_state: TaskState


def open_change_request(page):
    """
    The request for changes the writer has yet to answer on ``page``: the
    rejected task of a workflow that needs changes, with its comment and the
    editor who made it (the task state's ``finished_by``, not the author of
    the revision it was made on).
    """
    state = (
        WorkflowState.objects.for_instance(page)
        .filter(status=WorkflowState.STATUS_NEEDS_CHANGES)
        .select_related("current_task_state__finished_by")
        .first()
    )
    if state is None or state.current_task_state is None:
        return None
    task_state = state.current_task_state
    return ChangeRequest(
        comment=task_state.comment,
        editor=task_state.finished_by,
        requested_at=task_state.finished_at,
        task_state=task_state,
    )


def change_request_message(change):
    """The notice at the top of the edit page: the request, who made it and when."""
    return format_html(
        '<div class="change-request-notice">{} <blockquote>{}</blockquote></div>',
        format_html(
            _("Changes requested by {editor}, {when} ago:"),
            editor=user_display_name(change.editor)
            if change.editor
            else _("an editor"),
            when=timesince(change.requested_at),
        ),
        change.comment or _("(no comment)"),
    )


def show_change_request(request, page):
    """``before_edit_page``: put the open request for changes where the writer works."""
    if request.method != "GET":
        return None
    change = open_change_request(page)
    if change is not None:
        messages.warning(request, change_request_message(change))
    return None


class ChangeRequestsPanel(Component):
    """
    "Changes requested": the writer's submissions that an editor sent back,
    with the editor's comment, who made it and when, newest first.
    """

    name = "change_requests"
    template_name = "blog/admin/change_requests_panel.html"
    order = 80

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        states = (
            WorkflowState.objects.filter(
                status=WorkflowState.STATUS_NEEDS_CHANGES,
                requested_by=self.user,
                base_content_type=ContentType.objects.get_for_model(Page),
            )
            .select_related("current_task_state__finished_by")
            .order_by("-current_task_state__finished_at")
        )
        pages = Page.objects.in_bulk([int(state.object_id) for state in states])
        context["requests"] = [
            {
                "page": pages[int(state.object_id)],
                "comment": state.current_task_state.comment,
                "editor": state.current_task_state.finished_by,
                "requested_at": state.current_task_state.finished_at,
            }
            for state in states
            if int(state.object_id) in pages and state.current_task_state
        ]
        return context

    def render_html(self, parent_context=None):
        context = self.get_context_data(parent_context)
        if not context["requests"]:
            return ""
        return super().render_html(parent_context)


def drop_duplicate_restart(menu_items, request, context):
    """
    Offer one way to resubmit changes an editor asked for.

    Once an editor requests changes, Wagtail offers both "Resubmit to <task>"
    and "Restart workflow" ("Resubmit for review from the start"). In a
    one-task review the two send the article to the same editor, so the
    second is only a doubt for the writer; it stays where a review has
    several steps and starting again means something.
    """
    page = context.get("page")
    state = page.current_workflow_state if page is not None and page.pk else None
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        return
    if state.workflow.tasks.filter(active=True).count() > 1:
        return
    menu_items[:] = [item for item in menu_items if item.name != RESTART_ACTION]
