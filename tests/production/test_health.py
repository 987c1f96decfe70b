"""/healthz says the process is up; /readyz says whether it can serve, and why not."""

import json
import socket
from http import HTTPStatus
from unittest import mock

import pytest
from django.db import OperationalError, connections
from django.test import override_settings

from cms.settings.base import redis_caches

PROBLEM_JSON = "application/problem+json"


def _closed_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def cache_down():
    with override_settings(
        CACHES=redis_caches(f"redis://127.0.0.1:{_closed_port()}/0")
    ):
        yield


@pytest.fixture
def database_down():
    error = OperationalError('could not connect to server "db-7.internal" as "cms"')
    with mock.patch.object(connections["default"], "cursor", side_effect=error):
        yield


def test_healthz_answers_without_touching_the_database(client):
    # No django_db mark: any query here would fail the test.
    response = client.get("/healthz")
    assert response.status_code == HTTPStatus.OK
    assert response.json() == {"status": "ok"}
    assert response["Cache-Control"] == "no-store"


@override_settings(SECURE_SSL_REDIRECT=True, ALLOWED_HOSTS=["cms.example.com"])
def test_probes_by_ip_address_over_plain_http_are_answered_not_redirected(client):
    """Load balancers probe by IP (a Host not allowed) and over HTTP."""
    response = client.get("/healthz", HTTP_HOST="10.0.3.7:8000")
    assert response.status_code == HTTPStatus.OK
    site = client.get("/", HTTP_HOST="cms.example.com")
    assert site.status_code == HTTPStatus.MOVED_PERMANENTLY


@pytest.mark.django_db
def test_readyz_reports_database_and_cache_ready(client):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.OK
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"]["status"] == "ok"
    assert body["checks"]["cache"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_problem_json_naming_the_cache_when_redis_is_down(
    client, cache_down
):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == PROBLEM_JSON
    assert response["Retry-After"] == "5"
    body = json.loads(response.content)
    assert body["status"] == HTTPStatus.SERVICE_UNAVAILABLE
    assert body["failing"] == ["cache"]
    assert "cache" in body["detail"]
    assert body["checks"]["database"]["status"] == "ok"


@pytest.mark.django_db
def test_readyz_is_503_naming_the_database_without_leaking_its_address(
    client, database_down
):
    response = client.get("/readyz")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == PROBLEM_JSON
    body = json.loads(response.content)
    assert body["failing"] == ["database"]
    assert body["detail"] == "Not ready: the database is unavailable."
    assert "db-7.internal" not in response.content.decode()


@pytest.mark.django_db
def test_readyz_names_both_when_database_and_cache_are_down(
    client, database_down, cache_down
):
    body = json.loads(client.get("/readyz").content)
    assert body["failing"] == ["database", "cache"]
    assert body["detail"] == "Not ready: the database and cache are unavailable."


def test_healthz_stays_up_while_the_database_is_down(client, database_down):
    assert client.get("/healthz").status_code == HTTPStatus.OK
