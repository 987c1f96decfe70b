"""Where the external frontend shows a preview, per site (``FrontendSettings.preview_url``)."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from cms.pagetypes import page_type_label
from home.models import FrontendSettings


def frontend_preview_url(request, page, token):
    """The frontend's preview route with ``token`` and ``content_type``, or None if unset."""
    settings = FrontendSettings.for_request(request)
    if not settings.preview_url:
        return None
    parts = urlsplit(settings.preview_url)
    query = [
        *parse_qsl(parts.query),
        ("token", token),
        ("content_type", page_type_label(page)),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
