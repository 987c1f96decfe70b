"""
Every API response a test receives, checked against the OpenAPI document its API serves.

``checking_responses`` wraps Django's test client (every instance, however
a test makes it): each response to a documented operation of the Delivery
or Editorial API must have a documented status, a documented media type and
a body and headers matching the document, or the test fails. A response the
document does not describe is a bug in the document or in the server, and
either way a generated client would stumble on it.

The documents are the ones the APIs serve (``get_openapi_schema``, which the
``openapi.json`` views call), read through JSON as a client reads them.
"""

import functools
import json
from dataclasses import dataclass

from django.core.serializers.json import DjangoJSONEncoder
from django.test import Client
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIResponse
from openapi_core.datatypes import RequestParameters
from openapi_core.templating.paths.exceptions import OperationNotFound, PathNotFound
from werkzeug.datastructures import Headers, ImmutableMultiDict

from cms.api.delivery.api import api as delivery_api
from cms.api.editorial.api import api as editorial_api

PREFIXES = {"/api/v1/": delivery_api, "/api/editorial/": editorial_api}


def served_document(api, prefix):
    """The OpenAPI document ``api`` serves under ``prefix``, as a client reads it."""
    return json.loads(
        json.dumps(api.get_openapi_schema(path_prefix=prefix), cls=DjangoJSONEncoder)
    )


@functools.cache
def contract(prefix):
    # openapi-core reads only application/json as JSON by itself; every
    # error body here is RFC 7807's JSON.
    config = Config(
        extra_media_type_deserializers={"application/problem+json": json.loads}
    )
    return OpenAPI.from_dict(served_document(PREFIXES[prefix], prefix), config=config)


@dataclass
class SentRequest:
    """What openapi-core needs of a request to find the operation its response answers."""

    method: str
    path: str
    query: dict

    host_url = "http://testserver"
    content_type = ""
    body = b""
    path_pattern = None

    @property
    def parameters(self):
        return RequestParameters(
            path={},
            query=ImmutableMultiDict(self.query),
            header=Headers(),
            cookie=ImmutableMultiDict(),
        )


def check_response(method, path, query, response):
    """Fail if ``response`` is not what the document says ``method path`` answers."""
    prefix = next((p for p in PREFIXES if path.startswith(p)), None)
    if prefix is None or method.upper() in {"HEAD", "OPTIONS"}:
        return
    request = SentRequest(method.lower(), path, query)
    try:
        contract(prefix).validate_response(request, DjangoOpenAPIResponse(response))
    except (PathNotFound, OperationNotFound):
        # Not an operation of the document (its docs, an unknown path).
        return
    except Exception as error:
        details = "; ".join(str(cause) for cause in _causes(error))
        raise AssertionError(
            f"{method.upper()} {path} answered {response.status_code} "
            f"{response.get('Content-Type', '')!r}, which the OpenAPI document does "
            f"not describe: {details}\n{response.content[:500]!r}"
        ) from error


def _causes(error):
    yield error
    yield from getattr(error, "schema_errors", ()) or ()
    if error.__cause__ is not None:
        yield from _causes(error.__cause__)


def checking_request(original):
    @functools.wraps(original)
    def request(self, **environ):
        response = original(self, **environ)
        wsgi_request = getattr(response, "wsgi_request", None)
        if wsgi_request is not None:
            check_response(
                # As sent: a view may answer HEAD by running its GET.
                response.request["REQUEST_METHOD"],
                wsgi_request.path,
                dict(wsgi_request.GET.lists()),
                response,
            )
        return response

    return request


def checking_responses(monkeypatch):
    """From now on, every test client's API response is checked against its document."""
    monkeypatch.setattr(Client, "request", checking_request(Client.request))
