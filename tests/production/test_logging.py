"""Production logs are one JSON object per line, each with the request's id."""

import io
import json
import logging

import pytest

from cms.observability.logging import JSONFormatter, RequestIdFilter, request_id


def format_record(message, *args, exc_info=None, **extra):
    record = logging.LogRecord(
        "cms.test", logging.WARNING, __file__, 1, message, args, exc_info
    )
    for name, value in extra.items():
        setattr(record, name, value)
    RequestIdFilter().filter(record)
    return JSONFormatter().format(record)


def test_a_log_line_is_one_json_object_with_time_level_logger_and_message():
    line = format_record("Published %s", "Hama Braces", page_id=42)
    entry = json.loads(line)
    assert entry["level"] == "WARNING"
    assert entry["logger"] == "cms.test"
    assert entry["message"] == "Published Hama Braces"
    assert entry["page_id"] == 42
    assert entry["time"].endswith("Z")
    assert entry["request_id"] is None


def test_a_traceback_stays_on_the_same_line():
    try:
        raise ValueError("bad\nthing")
    except ValueError:
        import sys

        line = format_record("Failed", exc_info=sys.exc_info())
    assert "\n" not in line
    assert "ValueError: bad\nthing" in json.loads(line)["exception"]


def test_lines_logged_during_a_request_carry_its_id():
    token = request_id.set("abc123")
    try:
        assert json.loads(format_record("Inside"))["request_id"] == "abc123"
    finally:
        request_id.reset(token)


@pytest.fixture
def json_log():
    """What the "django.request" logger writes through the production handler."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JSONFormatter())
    logger = logging.getLogger("django.request")
    logger.addHandler(handler)
    yield stream
    logger.removeHandler(handler)


@pytest.mark.django_db
def test_djangos_own_log_line_for_a_404_carries_the_response_request_id(
    client, json_log
):
    response = client.get("/api/v1/articles/2147483000/")
    assert response.status_code == 404
    entries = [json.loads(line) for line in json_log.getvalue().splitlines()]
    assert entries, "Django logs 4xx answers on django.request"
    assert entries[-1]["request_id"] == response["X-Request-ID"]
    assert entries[-1]["status_code"] == 404


def test_a_proxys_request_id_is_kept_and_a_bogus_one_replaced(client):
    kept = client.get("/healthz", HTTP_X_REQUEST_ID="edge-7f3a.1")
    replaced = client.get("/healthz", HTTP_X_REQUEST_ID='x" "level": "ERROR')
    assert kept["X-Request-ID"] == "edge-7f3a.1"
    assert len(replaced["X-Request-ID"]) == 32
    assert '"' not in replaced["X-Request-ID"]
