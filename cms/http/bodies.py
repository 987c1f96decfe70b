"""
Request bodies a client got wrong: read strictly, refused in words meant for the client.

Django's multipart parser and Ninja's JSON parser raise exceptions whose
text describes the parser, not the request (``Invalid boundary in
multipart: None``); left to Wagtail's v3 catch-all they become a 500. Both
APIs register ``register_body_handlers`` on their NinjaAPI, so every route
they serve, Wagtail's own upload routes included, answers these as a 400
(or 413) ``application/problem+json``, and use ``StrictJSONParser``, so a
JSON body is exactly what RFC 8259 allows.
"""

import codecs
import json

from django.core.exceptions import (
    RequestDataTooBig,
    TooManyFieldsSent,
    TooManyFilesSent,
)
from django.http import UnreadablePostError
from django.http.multipartparser import MultiPartParserError
from ninja.parser import Parser

from .problems import problem_response

UNREADABLE_MULTIPART = (
    "The multipart body cannot be read: its Content-Type must name the "
    "boundary (multipart/form-data; boundary=...) and the body must use it "
    "and end with the closing boundary."
)


class StrictJSONParser(Parser):
    """
    Ninja's parser, refusing what RFC 8259 does not allow in a JSON text sent
    over the network: a byte-order mark, and any encoding but UTF-8.

    Python's ``json.loads`` quietly accepts both from bytes; a client that
    sends them is broken, and is better told so (a 400) than half-understood.

    Every JSON body the APIs take is an object, so a bare number, string,
    array or null is refused here too: Wagtail's page schemas read the body's
    ``meta`` before validating it, and would fail on anything else.
    """

    def parse_body(self, request):
        body = request.body
        if body.startswith(codecs.BOM_UTF8):
            raise ValueError("JSON must not start with a byte-order mark")
        data = json.loads(body.decode("utf-8"))
        if not isinstance(data, dict):
            raise ValueError("a JSON request body must be an object")
        return data


def register_body_handlers(api):
    """Answer unreadable bodies on every route of ``api`` as problem+json."""

    @api.exception_handler(MultiPartParserError)
    def unreadable_multipart(request, exc):
        return problem_response(400, UNREADABLE_MULTIPART)

    @api.exception_handler(TooManyFieldsSent)
    @api.exception_handler(TooManyFilesSent)
    def too_many_parts(request, exc):
        return problem_response(400, "The request body has too many fields or files.")

    @api.exception_handler(RequestDataTooBig)
    def too_large(request, exc):
        return problem_response(413, "The request body is too large.")

    @api.exception_handler(UnreadablePostError)
    def cut_short(request, exc):
        return problem_response(400, "The request body ended before it was complete.")
