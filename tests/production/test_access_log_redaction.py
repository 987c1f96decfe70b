"""Preview tokens never reach the access log."""

import logging
from datetime import timedelta
from types import SimpleNamespace

from gunicorn.config import Config

from cms.observability.access_log import (
    RedactingLogger,
    RedactSecretsFilter,
    redact_query,
)

TOKEN = "eyJwYWdlIjo0Mn0:1tAbCd:secretsignature"


def test_gunicorn_access_log_redacts_the_preview_token():
    logger = RedactingLogger(Config())
    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": f"/api/v1/preview/?token={TOKEN}&fields=title",
        "SERVER_PROTOCOL": "HTTP/1.1",
        "PATH_INFO": "/api/v1/preview/",
        "QUERY_STRING": f"token={TOKEN}&fields=title",
        "HTTP_REFERER": f"https://www.example.com/preview?token={TOKEN}",
    }
    response = SimpleNamespace(status="200 OK", sent=10, headers=[])
    request = SimpleNamespace(headers=[("REFERER", environ["HTTP_REFERER"])])

    atoms = logger.atoms(response, request, environ, timedelta(milliseconds=5))

    assert TOKEN not in str(atoms)
    assert atoms["q"] == "token=[redacted]&fields=title"
    assert atoms["r"] == "GET /api/v1/preview/?token=[redacted]&fields=title HTTP/1.1"


def test_development_server_log_redacts_the_preview_token():
    record = logging.LogRecord(
        "django.server",
        logging.INFO,
        __file__,
        1,
        '"%s" %s %s',
        (f"GET /api/v1/preview/?token={TOKEN} HTTP/1.1", "200", "512"),
        None,
    )

    RedactSecretsFilter().filter(record)

    assert TOKEN not in record.getMessage()
    assert "token=[redacted]" in record.getMessage()


def test_other_parameters_are_left_alone():
    assert redact_query("q=token&topic=syria") == "q=token&topic=syria"
    assert redact_query("notatoken=1&token=abc") == "notatoken=1&token=[redacted]"
