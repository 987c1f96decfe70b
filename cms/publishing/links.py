"""
URLs that appear inside API documents.

Stored documents are rendered without a request, so absolute URLs are built
from ``WAGTAILADMIN_BASE_URL`` unless a request is at hand; links meant for
readers point at the external frontend (``FrontendSettings.base_url``) and
fall back to the page's own URL on the CMS.
"""

from urllib.parse import urlencode, urljoin

from django.conf import settings

from cms.http.paths import delivery_path
from home.models import FrontendSettings


def absolute(url, request=None):
    """``url`` made absolute: media on a CDN already is, local paths are not."""
    if not url or url.startswith(("http://", "https://")):
        return url
    if request is not None:
        return request.build_absolute_uri(url)
    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", url.lstrip("/"))


def api_url(endpoint, request=None, **query):
    """An absolute URL of the Delivery API, e.g. ``api_url("articles/3/")``."""
    query = {key: value for key, value in query.items() if value not in (None, "")}
    url = delivery_path(endpoint)
    if query:
        url += "?" + urlencode(query)
    return absolute(url, request)


def article_api_url(page_id, request=None):
    return api_url(f"articles/{page_id}/", request)


def author_api_url(page_id, request=None):
    return api_url(f"authors/{page_id}/", request)


class PageLinks:
    """
    Resolves pages to their site-relative path and their frontend URL.

    One instance serves one document, remembering each site's frontend
    settings so that a page with many links costs one lookup per site.
    """

    def __init__(self, request=None):
        self.request = request
        self._frontend_base = {}

    def path(self, page):
        """The URL path relative to the site root, e.g. ``/news/some-slug/``."""
        parts = page.get_url_parts(self.request) if page.url_path else None
        if parts and parts[2]:
            return parts[2]
        return _path_from_url_path(page)

    def frontend_base(self, page):
        parts = page.get_url_parts(self.request) if page.url_path else None
        site_id = parts[0] if parts else None
        if site_id not in self._frontend_base:
            base = ""
            if site_id is not None:
                base = (
                    FrontendSettings.objects.filter(site_id=site_id)
                    .values_list("base_url", flat=True)
                    .first()
                    or ""
                )
            self._frontend_base[site_id] = base.rstrip("/")
        return self._frontend_base[site_id]

    def url(self, page):
        """Where a reader finds the page: the frontend, else the CMS's own URL."""
        base = self.frontend_base(page)
        if base:
            return base + self.path(page)
        return absolute(page.get_url(self.request) or self.path(page), self.request)


def _path_from_url_path(page):
    # ``url_path`` starts with the site root's slug ("/home/news/x/"); the
    # frontend's path drops it.
    segments = (page.url_path or "/").strip("/").split("/")
    return "/" + "/".join(segments[1:]) + "/" if len(segments) > 1 else "/"
