"""
``path("api/editorial/", include("cms.api.editorial.urls"))``: the API, behind the token guard.

The URL namespace stays Wagtail's ``wagtailapi_v3``, which its schemas use to
build ``detail_url`` links.
"""

from django.urls import URLPattern, URLResolver

from .api import api
from .auth import enforce_token_policy


def _guarded(patterns):
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            _guarded(pattern.url_patterns)
        elif isinstance(pattern, URLPattern):
            pattern.callback = enforce_token_policy(pattern.callback)
    return patterns


_patterns, _app_name, app_name = api.urls
urlpatterns = _guarded(_patterns)
