"""
Preview tokens: signed, salted, expiring, bound to one page and one piece of content.

A token names the page and either a revision (the pending draft of a page)
or a ``PreviewSnapshot`` (what the preview panel showed, unsaved edits
included). It carries no content itself, so it stays short enough for a URL.
"""

from django.conf import settings
from django.core import signing

# The salt keeps the module's first name: tokens already handed out stay valid.
SALT = "cms.api.preview.token"


class PreviewTokenError(Exception):
    """A token that is malformed, tampered with or expired."""

    def __init__(self, message, *, expired=False):
        super().__init__(message)
        self.expired = expired


def max_age_seconds():
    return settings.PREVIEW_TOKEN_MAX_AGE * 60


def make_token(*, page_id, revision_id=None, snapshot_id=None):
    payload = {"p": page_id}
    if revision_id is not None:
        payload["r"] = revision_id
    if snapshot_id is not None:
        payload["s"] = snapshot_id
    return signing.dumps(payload, salt=SALT, compress=True)


def read_token(token):
    """The token's ``{"p", "r"|"s"}`` payload, or ``PreviewTokenError``."""
    try:
        payload = signing.loads(token, salt=SALT, max_age=max_age_seconds())
    except signing.SignatureExpired as exc:
        raise PreviewTokenError("The preview token has expired.", expired=True) from exc
    except signing.BadSignature as exc:
        raise PreviewTokenError("The preview token is not valid.") from exc
    if not isinstance(payload, dict) or not ({"r", "s"} & payload.keys()):
        raise PreviewTokenError("The preview token is not valid.")
    return payload
