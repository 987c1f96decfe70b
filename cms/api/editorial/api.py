"""
The Editorial API: Wagtail's own v3 ``api`` object, with what a newsroom adds.

Wagtail's routers (pages, revisions, publish/unpublish/revert actions,
sites, schema discovery) stay as they are; the routers here add workflow,
the review inbox, locks, revision diffs, the audit log, draft saves with
optimistic concurrency and preview tokens, in the same style.

The object is Wagtail's extension point, not a private detail: Wagtail's own
apps add their routers to it in ``ready()`` (images, documents, redirects,
snippets, locales), so an API of our own beside it would lose them. This
module is the one place that configures it, and ``cms/urls.py`` mounts it.
"""

from functools import wraps
from types import MethodType

from django.conf import settings
from django.http import Http404
from wagtail.api.v3.api import api

from cms.api.contract import complete_document
from cms.api.docs import accessible_swagger
from cms.http.bodies import StrictJSONParser

from .auth import live_token_id
from .contract import CONTRACT
from .problems import register_problem_handler
from .routers import drafts, locking, preview, revisions, workflow


def docs_gate(view):
    """
    The OpenAPI document and docs: for staff sessions and any valid API
    token (of any scope: an integration needs the document to generate its
    client before it does anything else), or for everyone if
    ``EDITORIAL_API_DOCS_PUBLIC``; never when ``WAGTAILAPI_DOCS_ENABLED`` is off.
    """

    @wraps(view)
    def gated(request, *args, **kwargs):
        if not getattr(settings, "WAGTAILAPI_DOCS_ENABLED", True):
            raise Http404
        user = getattr(request, "user", None)
        is_staff = bool(user and user.is_authenticated and user.is_staff)
        allowed = (
            settings.EDITORIAL_API_DOCS_PUBLIC
            or is_staff
            or live_token_id(request) is not None
        )
        if not allowed:
            raise Http404
        return view(request, *args, **kwargs)

    return gated


api.title = "Newsroom Editorial API"
api.description = (
    "Token-authenticated editing, review and preview of the newsroom's "
    "articles and author bios, with the same permission rules as the editor. "
    "Built on Wagtail's v3 API."
)
api.docs_decorator = docs_gate
api.docs = accessible_swagger()
api.parser = StrictJSONParser()


def _complete_schema(generate):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """Wagtail's generated document, with every operation's errors and headers."""
        document = generate(path_prefix=path_prefix, path_params=path_params)
        return complete_document(document, CONTRACT)

    return get_openapi_schema


# Wagtail's ``api`` is an instance, configured here rather than subclassed.
api.get_openapi_schema = MethodType(_complete_schema(api.get_openapi_schema), api)
register_problem_handler(api)

api.add_router("/pages/", drafts.router)
api.add_router("/pages/", workflow.router)
api.add_router("/pages/", locking.router)
api.add_router("/pages/", revisions.router)
api.add_router("/pages/", preview.router)
api.add_router("/inbox/", workflow.inbox_router)
