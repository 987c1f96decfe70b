"""
``sitemap.xml``, the Google News sitemap and ``robots.txt``.

The sitemap lists every live, public page of the site except those an editor
hid from search engines; the news sitemap lists the articles first published
in the last two days, as Google News asks.
"""

from datetime import timedelta

from django.apps import apps
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from wagtail.contrib.sitemaps import Sitemap
from wagtail.contrib.sitemaps import views as wagtail_sitemap_views
from wagtail.models import Site

from blog.models import ArticlePage
from blog.models.expiry import unexpired
from home.seo import SeoFields

NEWS_WINDOW = timedelta(days=2)
NEWS_LIMIT = 1000


class IndexableSitemap(Sitemap):
    """Wagtail's sitemap of live, public pages, minus those marked "hide from search engines"."""

    def items(self):
        hidden = [
            model.objects.filter(noindex=True).values("pk")
            for model in apps.get_models()
            if issubclass(model, SeoFields)
        ]
        items = super().items().filter(unexpired())
        for pages in hidden:
            items = items.exclude(pk__in=pages)
        return items


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
