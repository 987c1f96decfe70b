"""
RFC 7807 ``application/problem+json``: the one builder of error answers.

The Delivery API, the Editorial API, the throttle, the outage pages and the
probes all answer errors in this shape, which is the one Wagtail's v3 API
uses (``type``, ``title``, ``status``, ``detail``, plus extension members).
"""

import json
from http import HTTPStatus

from django.http import HttpResponse

from .paths import API_ROOT

PROBLEM_JSON = "application/problem+json"

# RFC 9110's names where Python 3.11's ``HTTPStatus`` still uses RFC 7231's.
TITLES = {413: "Content Too Large"}


class Problem(Exception):
    """
    An expected refusal, answered as ``application/problem+json``.

    ``extra`` holds RFC 7807 extension members (``invalid_params``,
    ``current_revision_id``, ``lock``...), so that a client can act on the
    answer without parsing prose.
    """

    def __init__(self, status, detail, **extra):
        super().__init__(detail)
        self.status = int(status)
        self.detail = detail
        self.extra = extra


class BadRequest(Problem):
    """A request understood but not answered, e.g. an unknown filter: a 400."""

    def __init__(self, detail, invalid_params=()):
        invalid_params = list(invalid_params)
        extra = {"invalid_params": invalid_params} if invalid_params else {}
        super().__init__(HTTPStatus.BAD_REQUEST, detail, **extra)
        self.invalid_params = invalid_params


def title(status):
    status = int(status)
    if status in TITLES:
        return TITLES[status]
    try:
        return HTTPStatus(status).phrase
    except ValueError:
        return "Error"


def problem_response(status, detail="", *, headers=None, **extra):
    """An ``application/problem+json`` response for ``status``."""
    status = int(status)
    body = {
        "type": "about:blank",
        "title": title(status),
        "status": status,
        "detail": str(detail),
        **extra,
    }
    response = HttpResponse(
        json.dumps(body, default=str), status=status, content_type=PROBLEM_JSON
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def answer(exc):
    """The response for a raised ``Problem``."""
    return problem_response(exc.status, exc.detail, **exc.extra)


def wants_problem_json(request):
    """API callers get problem+json; browsers on the site get an HTML page."""
    return request.path.startswith(API_ROOT)
