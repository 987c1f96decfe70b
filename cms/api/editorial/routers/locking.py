"""Locking and unlocking a page, with Wagtail's own lock rules and log entries."""

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import PositiveInt
from wagtail.log_actions import log

from ..auth import ScopedTokenAuth
from ..pages import get_page, lock_description, permissions, require
from ..schemas import LockSchema
from ..scopes import Scope
from .workflow import person

router = Router(tags=["editorial locking"])


def lock_document(page, user):
    return {
        "page_id": page.pk,
        "locked": page.locked,
        "locked_by": person(page.locked_by),
        "locked_at": page.locked_at,
        "lock": lock_description(page, user),
    }


@router.post(
    "/{page_id}/lock/",
    response=LockSchema,
    url_name="editorial_lock",
    summary="Lock a page against other people's edits",
    operation_id="editorial_lock",
    auth=ScopedTokenAuth(Scope.WRITE),
)
def lock(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    require(
        permissions(request, page).can_lock(),
        _("You do not have permission to lock this page."),
    )
    if not page.locked:
        page.locked = True
        page.locked_by = request.user
        page.locked_at = timezone.now()
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        log(instance=page, action="wagtail.lock", user=request.user)
    return lock_document(page, request.user)


@router.post(
    "/{page_id}/unlock/",
    response=LockSchema,
    url_name="editorial_unlock",
    summary="Unlock a page",
    operation_id="editorial_unlock",
    auth=ScopedTokenAuth(Scope.WRITE),
)
def unlock(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    require(
        permissions(request, page).can_unlock(),
        _("You do not have permission to unlock this page."),
    )
    if page.locked:
        page.locked = False
        page.locked_by = None
        page.locked_at = None
        page.save(update_fields=["locked", "locked_by", "locked_at"])
        log(instance=page, action="wagtail.unlock", user=request.user)
    return lock_document(page, request.user)
