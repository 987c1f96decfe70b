"""RFC 7807 problem responses, shaped like the ones Wagtail's v3 API returns."""

import json
from http import HTTPStatus

from django.http import HttpResponse

PROBLEM_JSON = "application/problem+json"


def problem_response(status, detail="", *, headers=None):
    """An ``application/problem+json`` response for ``status``."""
    status = HTTPStatus(status)
    body = {
        "type": "about:blank",
        "title": status.phrase,
        "status": int(status),
        "detail": str(detail),
    }
    response = HttpResponse(
        json.dumps(body), status=int(status), content_type=PROBLEM_JSON
    )
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def wants_problem_json(request):
    """API callers get problem+json; browsers on the site get an HTML page."""
    return request.path.startswith("/api/")
