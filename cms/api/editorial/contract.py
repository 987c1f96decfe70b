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

from wagtail.snippets.api.v3.router import enabled_models as exposed_snippet_models

from cms.api.contract import Contract, ErrorRule

WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})


def _uncallable(path):
    return not exposed_snippet_models and "/snippets/" in path


CONTRACT = Contract(
    rules=(
        ErrorRule(frozenset({400, 401, 403, 404, 422, 429, 500, 503})),
        ErrorRule(frozenset({409, 413, 415, 423, 428}), methods=WRITES),
    ),
    excluded=_uncallable,
)
