"""Revision diffs and the audit log of a page (reverting is v3's own ``actions/revert/``)."""

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Query, Router
from pydantic import PositiveInt
from wagtail.models import PageLogEntry

from ..auth import ScopedTokenAuth
from ..diff import diff_revisions
from ..pages import get_page, permissions, require
from ..schemas import HistoryEntrySchema, RevisionDiffSchema
from ..scopes import Scope
from .workflow import person

router = Router(tags=["editorial revisions"])


def require_history(request, page):
    perms = permissions(request, page)
    require(
        perms.can_edit() or perms.can_publish(),
        _("You do not have permission to see this page's history."),
    )


@router.get(
    "/{page_id}/diff/",
    response=RevisionDiffSchema,
    url_name="editorial_revisions_diff",
    summary="Field-level diff between two revisions",
    description="``to`` defaults to the latest revision; each change lists the "
    "field with its value before and after.",
    operation_id="editorial_revisions_diff",
    auth=ScopedTokenAuth(Scope.READ),
)
def compare(
    request: HttpRequest,
    page_id: PositiveInt,
    from_revision: PositiveInt = Query(..., alias="from"),  # noqa: B008
    to_revision: PositiveInt | None = Query(None, alias="to"),  # noqa: B008
):
    page = get_page(page_id)
    require_history(request, page)
    before = get_object_or_404(page.revisions, pk=from_revision)
    after = (
        get_object_or_404(page.revisions, pk=to_revision)
        if to_revision
        else page.get_latest_revision()
    )
    return {
        "page_id": page.pk,
        "from_revision_id": before.pk,
        "to_revision_id": after.pk,
        "changes": diff_revisions(before, after),
    }


@router.get(
    "/{page_id}/history/",
    response=list[HistoryEntrySchema],
    url_name="editorial_history",
    summary="The page's audit log, newest first",
    operation_id="editorial_history",
    auth=ScopedTokenAuth(Scope.READ),
)
def history(request: HttpRequest, page_id: PositiveInt, limit: int = 50):
    page = get_page(page_id)
    require_history(request, page)
    entries = (
        PageLogEntry.objects.filter(page=page)
        .select_related("user")
        .order_by("-timestamp", "-pk")[: max(1, min(limit, 200))]
    )
    return [
        {
            "id": entry.pk,
            "action": entry.action,
            "label": str(entry.message),
            "timestamp": entry.timestamp,
            "user": person(entry.user),
            "revision_id": entry.revision_id,
            "comment": str(entry.comment or ""),
        }
        for entry in entries
    ]
