"""
Token scopes: what a token may do, on top of what its user may do.

Scopes are ordered; each includes the ones before it. A scope never grants a
permission the user lacks: Wagtail's permission testers still decide.
"""

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


def required_for_method(method):
    """Reads need ``read``; anything that changes state needs at least ``write``."""
    return Scope.READ if method in {"GET", "HEAD", "OPTIONS"} else Scope.WRITE
