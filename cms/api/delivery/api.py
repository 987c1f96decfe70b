"""
The Delivery API: one NinjaAPI mounted at ``/api/v1/`` (see ``cms/urls.py``).

Public and read-only: no authentication, every response cacheable, every
error ``application/problem+json``.
"""

from django.urls import re_path
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI

from cms.api.contract import complete_document
from cms.api.docs import accessible_swagger
from cms.http.bodies import StrictJSONParser
from cms.http.problems import PROBLEM_JSON
from cms.http.problems import problem_response as problem

from .contract import CONTRACT
from .errors import register_exception_handlers
from .routers.articles import router as articles_router
from .routers.authors import router as authors_router
from .routers.comments import router as comments_router
from .routers.corrections import router as corrections_router
from .routers.find import router as find_router
from .routers.preview import router as preview_router
from .routers.search import router as search_router
from .routers.sync import router as sync_router
from .routers.topics import router as topics_router


def _problem_405(view):
    """Answer HEAD like GET, and give Ninja's bare 405 a problem body."""

    def wrapper(request, *args, **kwargs):
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head:
            # Same headers (ETag included) as the GET, without its body.
            response.content = b""
        if response.status_code == 405 and response.get("Content-Type") != PROBLEM_JSON:
            allow = response.get("Allow", "")
            response = problem(405, f"Allowed methods: {allow}.")
            response["Allow"] = allow
        return response

    wrapper.csrf_exempt = True
    # Reads only: no transaction per request, so a cached answer costs no SQL.
    wrapper._non_atomic_requests = {"default"}
    return wrapper


def _not_found(request, *args, **kwargs):
    return problem(404, "No such endpoint.")


_not_found._non_atomic_requests = {"default"}


class DeliveryAPI(NinjaAPI):
    """A NinjaAPI whose URLs answer every error, even 404 and 405, as problem+json."""

    def _get_urls(self):
        patterns = super()._get_urls()
        for pattern in patterns:
            if hasattr(pattern, "callback"):
                pattern.callback = _problem_405(pattern.callback)
        return [*patterns, re_path(r"^", _not_found)]

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The generated document, with every operation's errors and headers (``CONTRACT``)."""
        document = super().get_openapi_schema(
            path_prefix=path_prefix, path_params=path_params
        )
        return complete_document(document, CONTRACT)


api = DeliveryAPI(
    title="Newsroom Delivery API",
    version="1.0.0",
    description=str(
        _(
            "Published articles, author bios, topics and search for external "
            "sites. Public, and read-only but for readers posting comments for "
            "moderation; responses carry ETag, Last-Modified and Cache-Control."
        )
    ),
    urls_namespace="delivery",
    openapi_url="/openapi.json",
    docs_url="/docs",
    docs=accessible_swagger(),
    parser=StrictJSONParser(),
)
register_exception_handlers(api)

api.add_router("/articles/", articles_router)
api.add_router("/articles/", comments_router)
api.add_router("/authors/", authors_router)
api.add_router("/topics/", topics_router)
api.add_router("/corrections/", corrections_router)
api.add_router("/search/", search_router)
api.add_router("/find/", find_router)
api.add_router("/sync/", sync_router)
api.add_router("/preview/", preview_router)
