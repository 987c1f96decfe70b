"""
Token scopes: what a token may do, on top of what its user may do.

Scopes are ordered; each includes the ones before it. A scope never grants a
permission the user lacks: Wagtail's permission testers still decide.

The scope a request needs is decided here, once, from what the request would
do to what readers see, not from how it is spelled: every route of the
Editorial API passes through ``auth.enforce_token_policy``, which asks
``required_for_request``. Anything that makes content public, takes it down,
or changes where live content is found needs ``moderate``: publishing and
unpublishing, approving, a create or update whose ``meta.action`` is
``"publish"``, a copy that keeps live pages live, every alias (an alias shows
its source's live content at a new address), converting an alias, and
deleting or moving a page that is live or has live pages below it.
"""

import json

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from .inputs import is_database_integer


class Scope(models.TextChoices):
    READ = "read", _("Read drafts")
    WRITE = "write", _("Write content")
    MODERATE = "moderate", _("Moderate (approve, reject, publish)")


ORDER = [Scope.READ, Scope.WRITE, Scope.MODERATE]

# Routes that always change what readers see (or decide that they will).
ALWAYS_PUBLISHING = {
    "pages_actions_publish",
    "pages_actions_unpublish",
    "pages_actions_create_alias",
    "pages_actions_convert_alias",
    "editorial_workflow_approve",
    "editorial_workflow_reject",
}
# Routes whose ``meta.action`` may ask for a publish.
SAVING = {"create_page", "update_page"}
# Routes that take a live page (or its live descendants) down or away.
MOVING_OR_DELETING = {"delete_page", "pages_actions_delete", "pages_actions_move"}
# Ninja names a URL after the first operation on its path; on these paths the
# method says which operation runs.
BY_METHOD = {
    "list_pages": {"POST": "create_page"},
    "detail_page": {"PATCH": "update_page", "DELETE": "delete_page"},
}
# Media types accepted for a request body: JSON, however it is suffixed.
JSON_TYPES = {"application/json"}


def includes(granted, required):
    """Whether a token holding ``granted`` may call an endpoint needing ``required``."""
    return ORDER.index(Scope(granted)) >= ORDER.index(Scope(required))


def sends_non_json_body(request):
    """
    Whether a request carries a body that is not declared as JSON.

    Ninja parses any body as JSON whatever its ``Content-Type``; refusing
    other types (415) means the body this module reads to decide the scope
    is always the one the view acts on. Multipart uploads, which can never
    parse as JSON, and an empty form (what many clients send with a bare
    POST) are let through.
    """
    if request.method in {"GET", "HEAD", "OPTIONS"} or not request.body:
        return False
    content_type = request.content_type or ""
    if content_type in JSON_TYPES or content_type.endswith("+json"):
        return False
    if content_type == "multipart/form-data":
        # Uploads (images, documents). A multipart body starts with its
        # boundary, so it can never be read as a JSON page payload.
        return False
    if content_type == "application/x-www-form-urlencoded" and request.method == "POST":
        return bool(request.POST)
    return True


def required_for_request(request):
    """The scope ``request`` needs: ``read`` to look, ``write`` to change, ``moderate`` to publish."""
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return Scope.READ
    match = getattr(request, "resolver_match", None)
    name = operation_name(match, request.method)
    body = _json_body(request)
    page_id = match.kwargs.get("page_id") if match is not None else None
    if name in ALWAYS_PUBLISHING:
        return Scope.MODERATE
    if name in SAVING and _meta_action(body) == "publish":
        return Scope.MODERATE
    if name == "pages_actions_copy":
        keeps_live = body.get("keep_live", True) is not False
        if keeps_live and _has_live_pages(page_id, body.get("recursive") is True):
            return Scope.MODERATE
    if name == "pages_actions_copy_for_translation" and body.get("alias") is True:
        return Scope.MODERATE
    if name in MOVING_OR_DELETING and _has_live_pages(page_id, descendants=True):
        return Scope.MODERATE
    return Scope.WRITE


def operation_name(match, method):
    """The ``url_name`` of the operation a resolved request will run."""
    if match is None:
        return None
    return BY_METHOD.get(match.url_name, {}).get(method, match.url_name)


def _json_body(request):
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}


def _meta_action(body):
    meta = body.get("meta")
    return meta.get("action") if isinstance(meta, dict) else None


def _has_live_pages(page_id, descendants):
    """Whether the page (and, if asked, any page below it) is live."""
    page = None
    if page_id is not None and is_database_integer(page_id):
        page = Page.objects.filter(pk=int(page_id)).first()
    if page is None:
        # The view answers 404 or 422; nothing can be published by it.
        return False
    if descendants:
        return page.get_descendants(inclusive=True).filter(live=True).exists()
    return page.live
