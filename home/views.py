"""Site furniture served at fixed addresses outside the page tree."""

from django.contrib.staticfiles import finders
from django.http import FileResponse, Http404
from django.views.decorators.cache import cache_control


@cache_control(max_age=86400, public=True)
def favicon(request):
    """
    ``/favicon.ico``, which browsers and feed readers ask for whatever the
    page says, served from the static files (``static/favicon.ico``).
    """
    path = finders.find("favicon.ico")
    if path is None:
        raise Http404("favicon.ico is missing from the static files")
    return FileResponse(open(path, "rb"), content_type="image/x-icon")
