"""RFC 7807 problems the Editorial API adds to Wagtail's: conflicts, locks, preconditions."""

import json

from django.http import HttpResponse
from wagtail.api.v3.errors import PROBLEM_JSON, build_problem_detail


class Problem(Exception):
    """
    An expected refusal, answered as ``application/problem+json``.

    ``extra`` holds RFC 7807 extension members (``current_revision_id``,
    ``lock``...), so that a client can act on the answer without parsing prose.
    """

    def __init__(self, status, detail, **extra):
        super().__init__(detail)
        self.status = status
        self.detail = detail
        self.extra = extra


def problem(status, detail, **extra):
    body = build_problem_detail(status=status, detail=detail).model_dump(
        exclude_none=True
    )
    body.update(extra)
    return HttpResponse(
        json.dumps(body, default=str), status=status, content_type=PROBLEM_JSON
    )


def register_problem_handler(api):
    @api.exception_handler(Problem)
    def problem_handler(request, exc):
        return problem(exc.status, exc.detail, **exc.extra)

    @api.exception_handler(KeyError)
    @api.exception_handler(TypeError)
    @api.exception_handler(AttributeError)
    def malformed_input_handler(request, exc):
        # Wagtail's form_data walks StreamField JSON assuming each block is a
        # {"type", "value"} object and a struct block's value an object
        # (``value.get``); a malformed body surfaces here. Reads never parse
        # client JSON, so on a read this is a bug and must stay a 500.
        if request.method in {"GET", "HEAD", "OPTIONS"}:
            raise exc
        return problem(
            400,
            "The request body is malformed: every StreamField block must be an "
            'object with "type" and "value".',
            errors=[{"msg": f"missing or invalid key: {exc}"}],
        )
