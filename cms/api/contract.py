"""
The part of each OpenAPI document that no single endpoint declares: its errors and headers.

Endpoints declare what they answer on success (``response=``). What they may
refuse with is decided by machinery every endpoint shares (the throttle, the
edge cache, the token guard, the problem handlers), so it is declared here,
once per API, as ``ErrorRule``s: each names the statuses a kind of operation
can answer. ``complete_document`` then gives every operation of the generated
document those statuses with the ``application/problem+json`` schema and the
headers that matter (``Retry-After``, ``ETag``, ``Last-Modified``,
``Cache-Control``, ``Location``), replacing the plain-JSON bodies Ninja infers
for declared error statuses. An endpoint added later, or a parameter declared
by a router, is covered without anything more to write; a status the rules
miss fails the response-validation fixture in the tests.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field

from cms.http.problems import PROBLEM_JSON, title

PROBLEM = "Problem"
PROBLEM_SCHEMA = {
    "type": "object",
    "title": PROBLEM,
    "description": "An RFC 7807 problem: what was refused, and why.",
    "required": ["type", "title", "status"],
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer", "minimum": 400, "maximum": 599},
        "detail": {"type": "string"},
        "invalid_params": {
            "type": "array",
            "description": "The parameters that were wrong, each with the reason.",
            "items": {
                "type": "object",
                "required": ["name", "reason"],
                "properties": {
                    "name": {"type": "string"},
                    "reason": {"type": "string"},
                },
            },
        },
        "errors": {
            "type": "array",
            "description": "Validation errors, as Wagtail's v3 API reports them.",
            "items": {"type": "object"},
        },
    },
}

HEADERS = {
    "ETag": {
        "description": "The representation's validator; send it back in If-None-Match.",
        "schema": {"type": "string"},
    },
    "Last-Modified": {
        "description": "When the content last changed (an HTTP date).",
        "schema": {"type": "string"},
    },
    "Cache-Control": {
        "description": "How long shared caches and clients may keep the answer.",
        "schema": {"type": "string"},
    },
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "string"},
    },
    "Location": {
        "description": "The address of what the request created.",
        "schema": {"type": "string"},
    },
}

# What each refusal means to a client, shown beside the status in the docs.
MEANINGS = {
    304: "Not modified: the copy named by If-None-Match or If-Modified-Since is current.",
    400: "The request is malformed or names parameters the operation does not accept.",
    401: "A bearer token is needed, or the one sent is unknown, revoked or expired.",
    403: "The token's scope or its user's permissions do not allow this.",
    404: "Nothing is found here.",
    405: "The method is not allowed on this path.",
    409: "The request conflicts with the current state (a newer revision, a duplicate).",
    412: "A precondition failed.",
    413: "The request body is too large.",
    415: "The request body's media type is not accepted.",
    422: "The request is well formed but its content is not valid.",
    423: "The page is locked by someone else.",
    428: "The request must say which revision it is based on (If-Match).",
    429: "Too many requests; wait for Retry-After seconds.",
    500: "The server could not answer; the details are in its log.",
    503: "A service the API needs is unavailable; try again after Retry-After seconds.",
}
RETRY_STATUSES = {429, 503}
VALIDATOR_HEADERS = ("ETag", "Last-Modified", "Cache-Control")


def _always(path, method, operation):
    return True


@dataclass(frozen=True)
class ErrorRule:
    """``statuses`` that operations of ``methods`` (all if empty) matching ``applies`` can answer."""

    statuses: frozenset[int]
    methods: frozenset[str] = frozenset()
    applies: Callable[[str, str, dict], bool] = _always

    def covers(self, path, method, operation):
        return (not self.methods or method.upper() in self.methods) and self.applies(
            path, method, operation
        )


@dataclass(frozen=True)
class Contract:
    """One API's rules: the errors its operations share, and its cacheable reads."""

    rules: tuple[ErrorRule, ...]
    # Whether a successful GET carries ETag, Last-Modified and Cache-Control
    # (and so may answer 304).
    cacheable_reads: Callable[[str, dict], bool] = field(
        default=lambda path, operation: False
    )
    # Operations left out of the document: they cannot be called here.
    excluded: Callable[[str], bool] = field(default=lambda path: False)
    # Bounds the server applies to a parameter that its declaration does not
    # state: ``bounds(parameter)`` returns schema keywords to add, or {}.
    bounds: Callable[[dict], dict] = field(default=lambda parameter: {})

    def statuses(self, path, method, operation):
        found = set()
        for rule in self.rules:
            if rule.covers(path, method, operation):
                found |= rule.statuses
        return found


def has_path_parameters(path, method, operation):
    return "{" in path


def problem_response_object(status):
    response = {
        "description": MEANINGS.get(status, title(status)),
        "content": {
            PROBLEM_JSON: {"schema": {"$ref": f"#/components/schemas/{PROBLEM}"}}
        },
    }
    if status in RETRY_STATUSES:
        response["headers"] = {
            "Retry-After": {"$ref": "#/components/headers/Retry-After"}
        }
    return response


def _header_refs(names):
    return {name: {"$ref": f"#/components/headers/{name}"} for name in names}


def complete_document(document, contract):
    """``document`` (an OpenAPI dict, changed in place and returned) with every error and header."""
    components = document.setdefault("components", {})
    anonymous = _anonymous_schemes(components)
    components.setdefault("schemas", {})[PROBLEM] = PROBLEM_SCHEMA
    components.setdefault("headers", {}).update(HEADERS)
    paths = document.get("paths", {})
    for path in list(paths):
        if contract.excluded(path):
            del paths[path]
            continue
        for method, operation in paths[path].items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            _complete_operation(path, method, operation, contract)
            _bound_parameters(operation, contract)
            _allow_anonymous(operation, anonymous)
            _optional_body_without_default(operation)
    return document


def _bound_parameters(operation, contract):
    for parameter in operation.get("parameters", []):
        extra = contract.bounds(parameter)
        if not extra:
            continue
        schema = parameter["schema"]
        # ``int | None`` is ``anyOf: [{integer}, {null}]``: bound the integer.
        targets = [
            option for option in schema.get("anyOf", []) if option.get("type") != "null"
        ] or [schema]
        for target in targets:
            for keyword, value in extra.items():
                # A bound the declaration states already is kept (a
                # ``PositiveInt`` id's exclusiveMinimum).
                if keyword == "minimum" and "exclusiveMinimum" in target:
                    continue
                target.setdefault(keyword, value)


def _optional_body_without_default(operation):
    """
    An optional JSON body whose schema also carries a default object (Ninja
    writes ``allOf: [$ref], default: {...}``) defeats client generators,
    which cannot give a model a default. The body is optional either way; the
    default moves to the body's description, where a reader still finds it.
    """
    body = operation.get("requestBody")
    if not body or body.get("required"):
        return
    for media in body.get("content", {}).values():
        schema = media.get("schema", {})
        if "default" in schema and isinstance(schema["default"], dict):
            default = schema.pop("default")
            if list(schema) == ["allOf"] and len(schema["allOf"]) == 1:
                media["schema"] = schema["allOf"][0]
            body.setdefault(
                "description",
                f"Optional; leaving it out is the same as sending {json.dumps(default)}.",
            )


def _anonymous_schemes(components):
    """
    Remove security schemes that stand for "no credentials" (an ``http``
    scheme without its ``scheme``, as an anonymous-allowing auth class is
    rendered), which make the document invalid; return their names.
    """
    schemes = components.get("securitySchemes", {})
    anonymous = {
        name
        for name, scheme in schemes.items()
        if scheme.get("type") == "http" and "scheme" not in scheme
    }
    for name in anonymous:
        del schemes[name]
    return anonymous


def _allow_anonymous(operation, anonymous):
    """OpenAPI's own way to say credentials are optional: an empty requirement."""
    if not anonymous or "security" not in operation:
        return
    requirements = []
    for requirement in operation["security"]:
        kept = {
            name: scopes
            for name, scopes in requirement.items()
            if name not in anonymous
        }
        if kept or not requirement:
            requirements.append(kept)
        elif {} not in requirements:
            requirements.append({})
    operation["security"] = requirements


def _complete_operation(path, method, operation, contract):
    # Ninja keys declared responses by int, the contract by text: one kind
    # of key, or JSON would carry the same status twice (a document that
    # YAML-based readers such as Swagger UI refuse).
    responses = operation["responses"] = {
        str(status): response for status, response in operation["responses"].items()
    }
    for status in list(responses):
        code = int(status)
        if code >= 400:
            # Ninja infers application/json for declared error bodies; the
            # API answers every error as problem+json.
            responses[status] = problem_response_object(code)
        elif code == 201:
            responses[status].setdefault("headers", {}).update(
                _header_refs(["Location"])
            )
    for code in sorted(contract.statuses(path, method, operation)):
        responses.setdefault(str(code), problem_response_object(code))
    if method.lower() == "get" and contract.cacheable_reads(path, operation):
        for status, response in responses.items():
            if 200 <= int(status) < 300:
                response.setdefault("headers", {}).update(
                    _header_refs(VALIDATOR_HEADERS)
                )
        responses["304"] = {
            "description": MEANINGS[304],
            "headers": _header_refs(VALIDATOR_HEADERS),
        }
