"""
What every Delivery API operation may answer besides its success: declared once.

The throttle (429), the outage answer (503), the refusal of unknown or
malformed parameters (400) and the catch-all (500) stand in front of every
operation; lookups answer 404; reads served through the response cache
carry validators and answer 304. ``cms.api.contract`` turns these rules into
the document's responses, so a router declares only its success schema.
"""

from cms.api.contract import Contract, ErrorRule, has_path_parameters

# Reads that are never cached: drafts by token, and the sync feed, whose
# cursor already says what a client has seen.
UNCACHED_READS = {"preview_detail", "sync_feed"}
# Lookups by query parameter rather than by path.
LOOKUPS = {"articles_by_path", "find", "preview_detail"}


def _looks_up(path, method, operation):
    return has_path_parameters(path, method, operation) or (
        operation.get("operationId") in LOOKUPS
    )


def _is_preview(path, method, operation):
    return operation.get("operationId") == "preview_detail"


def _cacheable(path, operation):
    return operation.get("operationId") not in UNCACHED_READS


CONTRACT = Contract(
    rules=(
        ErrorRule(frozenset({400, 429, 500, 503})),
        ErrorRule(frozenset({404}), applies=_looks_up),
        ErrorRule(frozenset({401, 403}), applies=_is_preview),
        # Readers' comments: a body too large, not JSON, a duplicate, a rule broken.
        ErrorRule(frozenset({404, 409, 413, 415, 422}), methods=frozenset({"POST"})),
    ),
    cacheable_reads=_cacheable,
)
