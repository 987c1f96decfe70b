"""
Optimistic concurrency for draft saves.

A client says which revision its edit was based on, with ``If-Match:
"<revision id>"`` or a ``base_revision_id`` member of the JSON body. If
someone saved since, the save is refused with the current revision id, so
nothing anyone saved is overwritten.
"""

import json

from django.utils.translation import gettext as _
from wagtail.models import Page

from .problems import Problem, problem


def base_revision_id(request):
    header = request.headers.get("If-Match", "").strip()
    if header:
        value = header.removeprefix("W/").strip('"')
        if value.isdigit():
            return int(value)
        raise Problem(400, _('If-Match must be a revision id, e.g. "42".'))
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return None
    value = body.get("base_revision_id") if isinstance(body, dict) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return None


def check_base_revision(request, page):
    """Refuse a save that did not start from the page's latest revision."""
    current = page.get_latest_revision()
    current_id = current.pk if current else None
    based_on = base_revision_id(request)
    if based_on is None:
        raise Problem(
            428,
            _('Say which revision this edit is based on (If-Match: "<revision id>").'),
            current_revision_id=current_id,
        )
    if based_on != current_id:
        raise Problem(
            409,
            _(
                "The page was saved since revision %(base)s; reload it and apply "
                "your changes to revision %(current)s."
            )
            % {"base": based_on, "current": current_id},
            current_revision_id=current_id,
        )


def stale_update_refusal(request):
    """
    409 for Wagtail's own ``PATCH /pages/{id}/`` when its If-Match is stale.

    That route is last-write-wins by design; a client that does send If-Match
    gets the same protection as ``/draft/`` (which also requires it).
    """
    match = getattr(request, "resolver_match", None)
    if (
        request.method != "PATCH"
        or match is None
        # Ninja names a path's URL after its first operation, the GET.
        or match.url_name not in {"detail_page", "update_page"}
        or not request.headers.get("If-Match")
    ):
        return None
    try:
        based_on = base_revision_id(request)
    except Problem as exc:
        return problem(exc.status, exc.detail)
    current_id = (
        Page.objects.filter(pk=match.kwargs.get("page_id"))
        .values_list("latest_revision_id", flat=True)
        .first()
    )
    if current_id is not None and based_on != current_id:
        return problem(
            409,
            _("The page was saved since revision %(base)s.") % {"base": based_on},
            current_revision_id=current_id,
        )
    return None
