"""Where the external frontend shows a preview, per site (``FrontendSettings.preview_url``)."""

import socket
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


# Long enough for a frontend on the same network, short enough that an
# editor switching to the Frontend mode is not kept waiting.
PROBE_TIMEOUT_SECONDS = 1.5


def frontend_answers(url):
    """
    Whether anything listens where ``url`` points: a TCP connection, no
    request. A frontend that is not running refuses it at once; the preview
    panel then says so instead of showing an empty page.
    """
    parts = urlsplit(url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        with socket.create_connection(
            (parts.hostname, port), timeout=PROBE_TIMEOUT_SECONDS
        ):
            return True
    except OSError:
        return False
