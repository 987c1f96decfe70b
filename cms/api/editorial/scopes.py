"""
Token scopes: what a token may do, on top of what its user may do.

Scopes are ordered; each includes the ones before it. A scope never grants a
permission the user lacks: Wagtail's permission testers still decide.
"""

import json

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Read drafts")
    WRITE = "write", _("Write content")
    MODERATE = "moderate", _("Moderate (approve, reject, publish)")


ORDER = [Scope.READ, Scope.WRITE, Scope.MODERATE]


def includes(granted, required):
    """Whether a token holding ``granted`` may call an endpoint needing ``required``."""
    return ORDER.index(Scope(granted)) >= ORDER.index(Scope(required))


# Wagtail's v3 routes that make content public or take it down.
PUBLISHING_URL_NAMES = {"pages_actions_publish", "pages_actions_unpublish"}


def required_for_request(request):
    """
    Reads need ``read``; changes need ``write``; publishing needs ``moderate``,
    whether by v3's publish/unpublish actions or a create/update whose
    ``meta.action`` is ``"publish"``.
    """
    if request.method in {"GET", "HEAD", "OPTIONS"}:
        return Scope.READ
    match = getattr(request, "resolver_match", None)
    if match is not None and match.url_name in PUBLISHING_URL_NAMES:
        return Scope.MODERATE
    if _asks_to_publish(request):
        return Scope.MODERATE
    return Scope.WRITE


def _asks_to_publish(request):
    if request.content_type != "application/json":
        return False
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        return False
    meta = body.get("meta") if isinstance(body, dict) else None
    return isinstance(meta, dict) and meta.get("action") == "publish"
