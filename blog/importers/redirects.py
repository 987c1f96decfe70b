"""
Redirects: a post's (or page's) old permalink and its ``/?p=ID`` link become permanent
redirects (``wagtail.contrib.redirects``) to its new page; an old path that
already redirects elsewhere is left alone and reported.
"""

from urllib.parse import urlparse

from wagtail.contrib.redirects.models import Redirect


class RedirectImporter:
    """The redirects of every imported post of one export, on ``site``."""

    def __init__(self, *, site, report):
        self.site = site
        self.report = report

    def import_for(self, page, item, where, query_key="p"):
        """
        Redirects to ``page`` from ``item``'s permalink and its ``/?p=ID``
        link (``/?page_id=ID`` for a WordPress page: ``query_key``).
        """
        page_path = page.relative_url(self.site) or ""
        old_paths = set()
        if item.link:
            parsed = urlparse(item.link)
            old_paths.add(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
        if item.wp_id:
            old_paths.add(f"/?{query_key}={item.wp_id}")
        for old in sorted(old_paths):
            normalised = Redirect.normalise_path(old)
            if normalised in ("", "/") or normalised == Redirect.normalise_path(
                page_path
            ):
                continue
            existing = Redirect.objects.filter(
                old_path=normalised, site=self.site
            ).first()
            if existing is None:
                Redirect.objects.create(
                    old_path=normalised,
                    site=self.site,
                    redirect_page=page,
                    is_permanent=True,
                )
                self.report.count("redirects", "created")
            elif existing.redirect_page_id == page.pk:
                self.report.count("redirects", "unchanged")
            else:
                self.report.skip(
                    "redirects", "the old path already redirects elsewhere"
                )
                self.report.warn(
                    f"post {item.wp_id}" if item.wp_id else where,
                    f"{normalised} already redirects elsewhere; left alone",
                )
