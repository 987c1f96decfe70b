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

from django.apps import apps
from django.conf import settings
from django.http import Http404
from wagtail.api.v3.api import api
from wagtail.fields import StreamField
from wagtail.models import Page

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


# What ``inputs`` accepts as one StreamField item, whatever the block type:
# Wagtail's document leaves the items of a StreamField untyped, so a client
# (or a contract checker) would think any JSON value is a block.
STREAM_ITEM = {
    "type": "object",
    "required": ["type", "value"],
    "properties": {
        "type": {"type": "string", "description": "The block's name."},
        "value": {"description": "The block's value, as the block reads it."},
        "id": {"type": "string", "description": "The block's id, if it has one."},
    },
}


def _stream_field_names():
    return {
        field.name
        for model in apps.get_models()
        if issubclass(model, Page)
        for field in model._meta.get_fields()
        if isinstance(field, StreamField)
    }


def _type_stream_items(document):
    """Give each StreamField property of a page schema its item shape."""
    names = _stream_field_names()
    for schema in document.get("components", {}).get("schemas", {}).values():
        for name, prop in (schema.get("properties") or {}).items():
            if name in names and prop.get("type") == "array" and not prop.get("items"):
                prop["items"] = STREAM_ITEM
    return document


def _complete_schema(generate):
    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """
        Wagtail's generated document, with every operation's errors and
        headers, and StreamField items typed.
        """
        document = generate(path_prefix=path_prefix, path_params=path_params)
        return _type_stream_items(complete_document(document, CONTRACT))

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
