"""Where the external frontend shows a preview, per site (``FrontendSettings.preview_url``)."""

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit


def content_type_label(page):
    """``blog.articlepage``: the form the frontend receives as ``content_type``."""
    model = page.specific_class or type(page)
    return f"{model._meta.app_label}.{model._meta.model_name}"


def frontend_preview_url(request, page, token):
    """The frontend's preview route with ``token`` and ``content_type``, or None if unset."""
    # Imported here: home.models imports the blog models, which use this module.
    from home.models import FrontendSettings

    settings = FrontendSettings.for_request(request)
    if not settings.preview_url:
        return None
    parts = urlsplit(settings.preview_url)
    query = [
        *parse_qsl(parts.query),
        ("token", token),
        ("content_type", content_type_label(page)),
    ]
    return urlunsplit(parts._replace(query=urlencode(query)))
