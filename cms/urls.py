"""The project's URLs: admin, search, the API, then Wagtail's page tree last."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from blog import corrections, feeds, sitemaps
from blog.translation_sync import ReviewedUpdateTranslationsView
from cms.api.delivery.api import api as delivery_api
from cms.http.paths import DELIVERY_API_PREFIX, EDITORIAL_API_PREFIX, mount_point
from home.views import favicon
from search import views as search_views

handler500 = "cms.security.outages.server_error"

urlpatterns = [
    # Ahead of the admin's own: wagtail-localize's sync view, publishing
    # only for those who may publish (blog/translation_sync.py).
    path(
        "admin/localize/update/<int:translation_source_id>/",
        ReviewedUpdateTranslationsView.as_view(),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("search/", search_views.search, name="search"),
    path(
        "feeds/authors/<slug:slug>.<str:fmt>",
        feeds.feed,
        {"kind": "authors"},
        name="blog_feed_authors",
    ),
    path(
        "feeds/topics/<slug:slug>.<str:fmt>",
        feeds.feed,
        {"kind": "topics"},
        name="blog_feed_topics",
    ),
    path("corrections/", corrections.corrections_log, name="corrections_log"),
    path("sitemap.xml", sitemaps.sitemap, name="sitemap"),
    path("sitemap-news.xml", sitemaps.news_sitemap, name="news_sitemap"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", favicon, name="favicon"),
    path(mount_point(EDITORIAL_API_PREFIX), include("cms.api.editorial.urls")),
    path(mount_point(DELIVERY_API_PREFIX), delivery_api.urls),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Each edition's pages: the default edition unprefixed (/news/x/), the others
# under their language code (/ar/news/x/), and each edition's feeds beside them.
urlpatterns += i18n_patterns(
    path("feeds/articles.<str:fmt>", feeds.feed, name="blog_feed"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
