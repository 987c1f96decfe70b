"""The site's URLs plus Wagtail's stock v2 pages API at /api/v2/, for comparison."""

from django.urls import path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.views import PagesAPIViewSet

from cms.urls import urlpatterns as site_urlpatterns

stock_api = WagtailAPIRouter("wagtailapi")
stock_api.register_endpoint("pages", PagesAPIViewSet)

urlpatterns = [path("api/v2/", stock_api.urls), *site_urlpatterns]
