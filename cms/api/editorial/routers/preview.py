"""
Minting a preview token for a page's latest revision, for scripts and review tools.

A GET: signing a token changes nothing, so a read-scoped token may do it.
"""

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import PositiveInt

from cms.pagetypes import page_type_label
from cms.preview.frontend import frontend_preview_url
from cms.preview.tokens import make_token, max_age_seconds

from ..auth import ScopedTokenAuth
from ..pages import get_page, require
from ..problems import Problem
from ..schemas import PreviewTokenSchema
from ..scopes import Scope
from .workflow import can_review

router = Router(tags=["editorial preview"])


@router.get(
    "/{page_id}/preview-token/",
    response=PreviewTokenSchema,
    url_name="editorial_preview_token",
    summary="A preview token for the page's latest revision",
    operation_id="editorial_preview_token",
    auth=ScopedTokenAuth(Scope.READ),
)
def preview_token(request: HttpRequest, page_id: PositiveInt):
    page = get_page(page_id)
    perms = page.permissions_for_user(request.user)
    require(
        perms.can_edit() or perms.can_publish() or can_review(page, request.user),
        _("You do not have permission to preview this page."),
    )
    revision = page.get_latest_revision()
    if revision is None:
        raise Problem(409, _("This page has no saved revision to preview yet."))
    token = make_token(page_id=page.pk, revision_id=revision.pk)
    return {
        "token": token,
        "content_type": page_type_label(page),
        "expires_in_seconds": max_age_seconds(),
        "preview_url": frontend_preview_url(request, page, token),
    }
