"""
What every Editorial API operation may answer besides its success: declared once.

Wagtail's v3 routers and the newsroom's share the same guard
(``auth.enforce_token_policy``: 401, 403, 413, 415), the same problem
handlers (400 for malformed bodies, 404, 422 for validation) and the same
throttle (429) and outage answer (503). Writes may also meet a newer
revision or a duplicate (409), a lock (423) or a missing ``If-Match`` (428).
``cms.api.contract`` turns these rules into the document's responses.

Snippet operations are left out of the document while no snippet type is
exposed to the API: their ``type`` would admit no value, so no request to
them could be valid.
"""

from django.conf import settings
from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
from wagtail.snippets.api.v3.router import enabled_models as exposed_snippet_models

from cms.api.contract import Contract, ErrorRule

from .inputs import INTEGER_PATH_PARAMETERS, MAX_DATABASE_INTEGER, PAGINATION_PARAMETERS

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _uncallable(path):
    return not exposed_snippet_models and "/snippets/" in path


# The page window of Wagtail's paginated listings, as its paginator declares it.
PAGINATOR_PARAMETERS = WagtailLimitOffsetPagination.Input.model_json_schema()[
    "properties"
]


def _paginated(parameter):
    return parameter["in"] == "query" and (
        parameter["schema"] == PAGINATOR_PARAMETERS.get(parameter["name"])
    )


def _bounds(parameter):
    """
    The integer ranges ``inputs.malformed_input_refusal`` and Wagtail's
    paginator (``WAGTAILAPI_LIMIT_MAX``) enforce, stated in the document.
    """
    name, where = parameter["name"], parameter["in"]
    if where == "path" and name in INTEGER_PATH_PARAMETERS:
        return {"minimum": -MAX_DATABASE_INTEGER, "maximum": MAX_DATABASE_INTEGER}
    if not _paginated(parameter):
        return {}
    if name == "limit":
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        return {} if limit_max is None else {"maximum": limit_max}
    if name in PAGINATION_PARAMETERS:
        return {"maximum": MAX_DATABASE_INTEGER}
    return {}


CONTRACT = Contract(
    rules=(
        ErrorRule(frozenset({400, 401, 403, 404, 422, 429, 500, 503})),
        ErrorRule(frozenset({409, 413, 415, 423, 428}), methods=WRITES),
    ),
    excluded=_uncallable,
    bounds=_bounds,
)
