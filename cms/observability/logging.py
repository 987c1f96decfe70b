"""
Structured logs: one JSON object per line, with the request id.

Log shippers (journald, Loki, CloudWatch, Elasticsearch) index fields only
when lines are machine-readable; a multi-line traceback in plain text is
split into as many unrelated events. ``JSONFormatter`` writes every record
as a single line, traceback included, and ``RequestIdMiddleware`` tags every
line logged while a request is handled with the id its response carries in
``X-Request-ID``, so one reader's complaint finds all its log lines.
"""

import contextvars
import datetime
import json
import logging
import re
import uuid

request_id = contextvars.ContextVar("cms_request_id", default=None)

# Incoming ids are accepted from a proxy only if they look like ids, so a
# client cannot write arbitrary text (or a fake JSON field) into the logs.
VALID_ID = re.compile(r"^[A-Za-z0-9._:-]{1,128}$")

# Attributes every LogRecord has; anything else was passed with ``extra=``.
_STANDARD = set(vars(logging.LogRecord("", logging.INFO, "", 0, "", (), None))) | {
    "message",
    "asctime",
    "request_id",
}


class RequestIdFilter(logging.Filter):
    """Copy the current request's id onto each record (None outside requests)."""

    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JSONFormatter(logging.Formatter):
    """
    A log record as one line of JSON: time (UTC, ISO 8601), level, logger,
    message, request id, any ``extra=`` fields, and the exception if any.
    """

    def format(self, record):
        entry = {
            "time": datetime.datetime.fromtimestamp(record.created, datetime.UTC)
            .isoformat(timespec="milliseconds")
            .replace("+00:00", "Z"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
            "request_id": getattr(record, "request_id", None) or request_id.get(),
        }
        for name, value in vars(record).items():
            if name not in _STANDARD and not name.startswith("_"):
                entry[name] = value
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        return json.dumps(entry, default=str, ensure_ascii=False)


def new_request_id():
    return uuid.uuid4().hex


class RequestIdMiddleware:
    """
    Give each request an id: the proxy's ``X-Request-ID`` when it is sane,
    a fresh one otherwise. It is on every log line and on the response.
    """

    header = "HTTP_X_REQUEST_ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        incoming = request.META.get(self.header, "")
        value = incoming if VALID_ID.match(incoming) else new_request_id()
        request.request_id = value
        # Not reset on the way out: Django logs 4xx and 5xx answers after the
        # middleware has returned. ``request_finished`` clears it instead.
        request_id.set(value)
        response = self.get_response(request)
        response["X-Request-ID"] = value
        return response


def clear_request_id(**kwargs):
    request_id.set(None)
