"""
``sitemap.xml``, the Google News sitemap and ``robots.txt``.

The sitemap lists every live, public page of every edition of the site except
those an editor hid from search engines; a page with translations names each
of them as an ``hreflang`` alternate, and the default edition's as
``x-default``, so search engines send each reader to their language. The news
sitemap lists the articles first published
in the last two days, as Google News asks.
"""

from datetime import timedelta

from django.apps import apps
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import to_locale
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Locale, Page, Site

from blog.models import ArticlePage
from blog.models.expiry import unexpired
from home.seo import SeoFields

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


def hreflang(language_code):
    """A language code as ``hreflang`` spells it: ``en-gb`` is ``en-GB``."""
    return to_locale(language_code).replace("_", "-")


class IndexableSitemap(Sitemap):
    """
    Wagtail's sitemap of live, public pages, in every edition, minus those
    marked "hide from search engines", with each page's translations as
    alternates.
    """

    def items(self):
        hidden = [
            model.objects.filter(noindex=True).values("pk")
            for model in apps.get_models()
            if issubclass(model, SeoFields)
        ]
        root = self.get_wagtail_site().root_page
        items = Page.objects.none()
        for home in Page.objects.filter(translation_key=root.translation_key):
            items |= Page.objects.descendant_of(home, inclusive=True)
        items = (
            items.live()
            .public()
            .filter(unexpired())
            .order_by("path")
            .defer_streamfields()
            .specific()
        )
        for pages in hidden:
            items = items.exclude(pk__in=pages)
        return items

    def _urls(self, page, protocol, domain):
        """Each page's URL, with its translations in the sitemap as alternates."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        entries = []
        editions = {}
        for item in self.paginator.page(page).object_list.iterator():
            for url_info in item.get_sitemap_urls(self.request):
                entries.append((item.translation_key, url_info))
                language = languages.get(item.locale_id)
                editions.setdefault(item.translation_key, {}).setdefault(
                    language, url_info["location"]
                )
        urls = []
        last_mods = set()
        for key, url_info in entries:
            others = editions.get(key, {})
            if len(others) > 1:
                url_info["alternates"] = [
                    {"lang_code": hreflang(language), "location": location}
                    for language, location in sorted(others.items())
                ]
                if settings.LANGUAGE_CODE in others:
                    url_info["alternates"].append(
                        {
                            "lang_code": "x-default",
                            "location": others[settings.LANGUAGE_CODE],
                        }
                    )
            urls.append(url_info)
            last_mods.add(url_info.get("lastmod"))
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls


@cache_control(max_age=300)
def sitemap(request):
    return wagtail_sitemap_views.sitemap(request, {"pages": IndexableSitemap})


@cache_control(max_age=300)
def news_sitemap(request):
    """Articles first published in the last two days, newest first."""
    since = timezone.now() - NEWS_WINDOW
    articles = (
        ArticlePage.objects.readable()
        .filter(first_published_at__gte=since, noindex=False)
        .order_by("-first_published_at", "-pk")[:NEWS_LIMIT]
    )
    site = Site.find_for_request(request)
    return render(
        request,
        "feeds/news_sitemap.xml",
        {
            "articles": [
                (article.get_full_url(request), article) for article in articles
            ],
            "publication_name": (site.site_name if site else "") or "The Newsroom",
        },
        content_type="application/xml; charset=utf-8",
    )


@cache_control(max_age=3600)
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /search/",
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        f"Sitemap: {request.build_absolute_uri(reverse('news_sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
