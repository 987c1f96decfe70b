"""The project's URLs plus a token-protected endpoint, standing in for any API
that answers 401 to a wrong bearer token."""

from django.http import JsonResponse
from django.urls import path

from cms.urls import urlpatterns as project_urlpatterns


def guarded(request):
    """Answers 401 unless the one valid token is sent."""
    if request.headers.get("Authorization") != "Bearer the-right-token":
        return JsonResponse({"detail": "Invalid token"}, status=401)
    return JsonResponse({"ok": True})


def database_down(request):
    """Fails the way a view does while PostgreSQL restarts."""
    from django.db import OperationalError

    raise OperationalError("server closed the connection unexpectedly")


def ping(request):
    return JsonResponse({"ok": True})


urlpatterns = [
    path("api/test/guarded/", guarded),
    path("api/test/ping/", ping),
    path("api/test/database-down/", database_down),
    path("test/database-down/", database_down),
    *project_urlpatterns,
]
