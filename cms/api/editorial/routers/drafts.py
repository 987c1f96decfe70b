"""
Saving a draft: v3's partial update, plus locks and optimistic concurrency.

The payload is v3's own page update schema, bound to the page's real admin
form through ``build_page_update_form`` (so StreamField blocks are validated
by the blocks themselves) and saved by Wagtail's edit action as a new
revision. Nothing is published here.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _
from ninja import Router
from pydantic import PositiveInt
from wagtail.actions import action_registry
from wagtail.api.v3.form_data import build_page_update_form
from wagtail.api.v3.routers.pages import PageUpdateSchema
from wagtail.api.v3.schemas.pages import PageTypeInjectingBody
from wagtail.models import Page

from ..auth import ScopedTokenAuth
from ..concurrency import check_base_revision
from ..pages import refuse_if_locked, require_editable
from ..problems import Problem
from ..schemas import DraftSavedSchema
from ..scopes import Scope

router = Router(tags=["editorial drafts"])


@router.patch(
    "/{page_id}/draft/",
    response=DraftSavedSchema,
    url_name="editorial_save_draft",
    summary="Save a draft revision",
    description='Send only the fields that change. Requires If-Match: "<revision id>" '
    "(or base_revision_id in the body); a stale base gets 409 with the current "
    "revision id. The response's ETag is the new revision id.",
    operation_id="editorial_save_draft",
    auth=ScopedTokenAuth(Scope.WRITE),
)
def save_draft(
    request: HttpRequest,
    page_id: PositiveInt,
    response: HttpResponse,
    data: PageUpdateSchema = PageTypeInjectingBody(...),  # noqa: B008
):
    # Row lock: two saves based on the same revision cannot both pass the check.
    page = get_object_or_404(Page.objects.select_for_update(), pk=page_id).specific
    require_editable(request, page)
    refuse_if_locked(request, page)
    check_base_revision(request, page)
    if data.meta and data.meta.action == "publish":
        raise Problem(
            422,
            _("Drafts are saved here; publish with actions/publish/ or a review."),
        )
    draft = page.get_latest_revision_as_object()
    form = build_page_update_form(draft, data, request.user)
    action_class = action_registry.get_action_class(type(page), "edit")
    action = action_class(form.instance, user=request.user, form=form)
    action.execute()
    revision = action.revision
    response["ETag"] = f'"{revision.pk}"'
    return {
        "page_id": page.pk,
        "revision_id": revision.pk,
        "title": form.instance.title,
        "warnings": getattr(draft, "_meta_warnings", []),
    }
