"""Finding a page for an editorial request, and the rules every write shares."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from wagtail.models import Page

from .problems import Problem


def get_page(page_id):
    return get_object_or_404(Page, pk=page_id).specific


def permissions(request, page):
    return page.permissions_for_user(request.user)


def require(allowed, message):
    """Refuse with 403 unless Wagtail's permission tester said yes."""
    if not allowed:
        raise PermissionDenied(message)


def require_editable(request, page):
    require(
        permissions(request, page).can_edit(),
        _("You do not have permission to edit this page."),
    )


def lock_description(page, user):
    lock = page.get_lock()
    if lock is None:
        return None
    return {
        "locked_by": str(lock.get_locked_by(user)),
        "description": str(lock.get_description(user)),
        "in_moderation": not page.locked,
    }


def refuse_if_locked(request, page):
    """
    423 naming the lock when ``page`` is locked against this user.

    Wagtail's own edit action reports a lock as a plain 403; a client needs to
    tell "not allowed" from "not now, someone holds it".
    """
    lock = page.get_lock()
    if lock is not None and lock.for_user(request.user):
        raise Problem(
            423,
            _("'%(title)s' is locked: %(description)s.")
            % {"title": page.title, "description": lock.get_description(request.user)},
            lock=lock_description(page, request.user),
        )
