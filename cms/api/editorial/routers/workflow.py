"""
Workflow actions on a page, through Wagtail's own workflow and task APIs.

Submitting starts the page's workflow (or resumes it when an editor asked for
changes), approving and rejecting go through the current task's
``on_action``, cancelling through ``WorkflowState.cancel``: the same calls
the page editor makes, so notifications, logs and the content event log see
no difference between the admin and the API.
"""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import PositiveInt
from wagtail.models import Page, TaskState, WorkflowState

from ..auth import ScopedTokenAuth
from ..completeness import missing_fields
from ..pages import get_page, permissions, require, require_editable
from ..problems import Problem
from ..schemas import (
    CommentInputSchema,
    InboxItemSchema,
    RejectInputSchema,
    WorkflowStateSchema,
)
from ..scopes import Scope

router = Router(tags=["editorial workflow"])
inbox_router = Router(tags=["editorial workflow"])


def person(user):
    if user is None:
        return None
    return {"id": user.pk, "name": user.get_full_name() or user.get_username()}


def workflow_document(page, user):
    """The page's current (or most recent) workflow state, task by task."""
    state = (
        WorkflowState.objects.for_instance(page)
        .select_related("workflow", "requested_by", "current_task_state__task")
        .order_by("-created_at", "-pk")
        .first()
    )
    doc = {"page_id": page.pk, "page_status": str(page.status_string)}
    if state is None:
        return doc
    task_states = list(
        state.task_states.select_related("task", "finished_by").order_by(
            "started_at", "pk"
        )
    )
    current = state.current_task_state
    actions = []
    if state.status == WorkflowState.STATUS_IN_PROGRESS and current is not None:
        actions = sorted(
            {
                name
                for name, _label, _modal in current.task.specific.get_actions(
                    page, user
                )
            }
        )
    comments = [ts.comment for ts in task_states if ts.comment]
    return {
        **doc,
        "workflow": state.workflow.name,
        "status": state.status,
        "current_task": current.task.name if current else None,
        "requested_by": person(state.requested_by),
        "submitted_at": state.created_at,
        "latest_comment": comments[-1] if comments else "",
        "tasks": [
            {
                "id": ts.pk,
                "task": ts.task.name,
                "status": ts.status,
                "revision_id": ts.revision_id,
                "started_at": ts.started_at,
                "finished_at": ts.finished_at,
                "finished_by": person(ts.finished_by),
                "comment": ts.comment,
            }
            for ts in task_states
        ],
        "actions": actions,
    }


def require_viewable(request, page):
    perms = permissions(request, page)
    require(
        perms.can_edit() or perms.can_publish() or can_review(page, request.user),
        _("You do not have permission to see this page's workflow."),
    )


def can_review(page, user):
    task = page.current_workflow_task
    return task is not None and bool(task.get_actions(page, user))


@router.get(
    "/{page_id}/workflow/",
    response=WorkflowStateSchema,
    url_name="editorial_workflow_state",
    summary="Workflow state of a page",
    operation_id="editorial_workflow_state",
    auth=ScopedTokenAuth(Scope.READ),
)
def workflow_state(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    require_viewable(request, page)
    return workflow_document(page, request.user)


@router.post(
    "/{page_id}/workflow/submit/",
    response=WorkflowStateSchema,
    url_name="editorial_workflow_submit",
    summary="Submit a page for review",
    description="Starts the page's workflow on its latest revision, or resumes it "
    "when an editor requested changes. The latest revision must be complete.",
    operation_id="editorial_workflow_submit",
    auth=ScopedTokenAuth(Scope.WRITE),
)
def submit(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    require_editable(request, page)
    state = page.current_workflow_state
    if state is not None and state.status == WorkflowState.STATUS_IN_PROGRESS:
        raise Problem(
            409, _("This page is already in review."), workflow_state_id=state.pk
        )
    require(
        permissions(request, page).can_submit_for_moderation(),
        _("You do not have permission to submit this page for review."),
    )
    workflow = page.get_workflow()
    if workflow is None:
        raise Problem(409, _("This page has no review workflow."))
    draft = page.get_latest_revision_as_object()
    if errors := missing_fields(draft):
        raise Problem(422, _("The page is not ready for review."), errors=errors)
    if page.get_latest_revision() is None:
        page.save_revision(user=request.user)
    if state is not None and state.status == WorkflowState.STATUS_NEEDS_CHANGES:
        state.resume(request.user)
    else:
        workflow.start(page, request.user)
    return workflow_document(page, request.user)


@router.post(
    "/{page_id}/workflow/resubmit/",
    response=WorkflowStateSchema,
    url_name="editorial_workflow_resubmit",
    summary="Resubmit a page after changes were requested",
    operation_id="editorial_workflow_resubmit",
    auth=ScopedTokenAuth(Scope.WRITE),
)
def resubmit(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    state = page.current_workflow_state
    if state is None or state.status != WorkflowState.STATUS_NEEDS_CHANGES:
        raise Problem(409, _("No editor has requested changes to this page."))
    return submit(request, page_id)


def _current_task_state(page):
    task_state = page.current_workflow_task_state
    if task_state is None:
        raise Problem(409, _("This page is not waiting for review."))
    return task_state


def _review(request, page_id, action, comment):
    page = get_page(page_id)
    task_state = _current_task_state(page)
    task = task_state.task.specific
    allowed = {name for name, _label, _modal in task.get_actions(page, request.user)}
    require(
        action in allowed,
        _("You are not a reviewer for the task '%(task)s'.") % {"task": task.name},
    )
    task.on_action(task_state, request.user, action, comment=comment)
    page.refresh_from_db()
    return workflow_document(page, request.user)


@router.post(
    "/{page_id}/workflow/approve/",
    response=WorkflowStateSchema,
    url_name="editorial_workflow_approve",
    summary="Approve the page's current review task",
    description="On the last task, approval publishes the reviewed revision "
    "(or schedules it if it has a go-live date).",
    operation_id="editorial_workflow_approve",
    auth=ScopedTokenAuth(Scope.MODERATE),
)
def approve(
    request: HttpRequest,
    page_id: PositiveInt,
    data: CommentInputSchema = CommentInputSchema(),  # noqa: B008
):
    return _review(request, page_id, "approve", data.comment)


@router.post(
    "/{page_id}/workflow/reject/",
    response=WorkflowStateSchema,
    url_name="editorial_workflow_reject",
    summary="Request changes, with a comment for the writer",
    operation_id="editorial_workflow_reject",
    auth=ScopedTokenAuth(Scope.MODERATE),
)
def reject(request: HttpRequest, page_id: PositiveInt, data: RejectInputSchema):
    if not data.comment.strip():
        raise Problem(
            422,
            _("Say what needs to change."),
            errors=[{"type": "missing", "loc": ["body", "comment"], "msg": "required"}],
        )
    return _review(request, page_id, "reject", data.comment)


@router.post(
    "/{page_id}/workflow/cancel/",
    response=WorkflowStateSchema,
    url_name="editorial_workflow_cancel",
    summary="Withdraw the page from review",
    operation_id="editorial_workflow_cancel",
    auth=ScopedTokenAuth(Scope.WRITE),
)
def cancel(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    state = page.current_workflow_state
    if state is None:
        raise Problem(409, _("This page is not in review."))
    require(
        state.user_can_cancel(request.user),
        _("You may not cancel this page's review."),
    )
    state.cancel(user=request.user)
    return workflow_document(page, request.user)


@inbox_router.get(
    "/",
    response=list[InboxItemSchema],
    url_name="editorial_inbox",
    summary="Review tasks awaiting the current user",
    operation_id="editorial_inbox",
    auth=ScopedTokenAuth(Scope.READ),
)
def inbox(request: HttpRequest):
    now = timezone.now()
    task_states = list(
        TaskState.objects.reviewable_by(request.user)
        .select_related(
            "task", "revision__content_type", "workflow_state__requested_by"
        )
        .order_by("started_at", "pk")
    )
    # One query for every item's edition, however long the inbox.
    locales = dict(
        Page.objects.filter(
            pk__in=[int(state.revision.object_id) for state in task_states]
        ).values_list("pk", "locale__language_code")
    )
    items = []
    for task_state in task_states:
        model = task_state.revision.content_type.model_class()
        page_id = int(task_state.revision.object_id)
        items.append(
            {
                "task_state_id": task_state.pk,
                "page_id": page_id,
                "title": task_state.revision.object_str,
                "locale": locales.get(page_id, ""),
                "page_type": model._meta.label if model else "",
                "task": task_state.task.name,
                "submitted_by": person(task_state.workflow_state.requested_by),
                "submitted_at": task_state.started_at,
                "age_seconds": int((now - task_state.started_at).total_seconds()),
                "revision_id": task_state.revision_id,
            }
        )
    return items
