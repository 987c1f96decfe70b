"""
RFC 7807 ``application/problem+json`` for every Delivery API error.

Bad input is always a 400 with ``invalid_params`` naming what was wrong,
including Ninja's own request validation (422 elsewhere in Wagtail's API):
a frontend treats every 4xx here as "fix the request", never a crash.
"""

import logging

from django.db import InterfaceError, OperationalError
from django.http import Http404
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError

from cms.http.bodies import register_body_handlers
from cms.http.problems import BadRequest, Problem, answer, problem_response
from cms.security.outages import unavailable

logger = logging.getLogger(__name__)


def _invalid_params(errors):
    params = []
    for error in errors:
        loc = [str(part) for part in error.get("loc", ())]
        # Ninja's first element says where the value came from ("query").
        if loc and loc[0] in {"query", "path", "header", "body", "cookie"}:
            # A JSON body's fields are named as the client sent them, not
            # under the view's parameter name ("data.email").
            loc = loc[2:] if loc[0] == "body" and len(loc) > 2 else loc[1:]
        params.append(
            {"name": ".".join(loc) or "request", "reason": error.get("msg", "")}
        )
    return params


__all__ = ["BadRequest", "register_exception_handlers"]


def register_exception_handlers(api):
    # Unreadable bodies (a multipart without boundary, past
    # DATA_UPLOAD_MAX_MEMORY_SIZE...): the client's fault, not a 500.
    register_body_handlers(api)

    @api.exception_handler(NinjaValidationError)
    def validation_error(request, exc):
        return problem_response(
            400,
            "The request's parameters are not valid.",
            invalid_params=_invalid_params(exc.errors),
        )

    @api.exception_handler(Problem)
    def refused(request, exc):
        return answer(exc)

    @api.exception_handler(Http404)
    def not_found(request, exc):
        return problem_response(404, str(exc) or "Not found.")

    @api.exception_handler(HttpError)
    def http_error(request, exc):
        return problem_response(exc.status_code, str(exc))

    @api.exception_handler(OperationalError)
    @api.exception_handler(InterfaceError)
    def database_unavailable(request, exc):
        # A database that is down or restarting is not a bug: the same 503
        # with Retry-After as the rest of the site (cms.security.outages),
        # rather than the catch-all 500 below.
        logger.warning("Database unavailable on %s: %s", request.path, exc)
        return unavailable(request)

    @api.exception_handler(Exception)
    def server_error(request, exc):
        # Details stay in the log: a public API must not show internals.
        logger.exception("Delivery API error on %s", request.path)
        return problem_response(500, "The server could not answer this request.")
