"""While the database is away, callers get a 503 they can retry, never a 500."""

import json
from http import HTTPStatus

import pytest

pytestmark = [pytest.mark.django_db, pytest.mark.urls("tests.security.urls")]


def test_api_answers_503_problem_json_while_the_database_is_down(client):
    response = client.get("/api/test/database-down/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"
    assert json.loads(response.content)["status"] == HTTPStatus.SERVICE_UNAVAILABLE


def test_site_answers_a_plain_503_page_while_the_database_is_down(client):
    response = client.get("/test/database-down/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"].startswith("text/html")
    assert "Back in a moment" in response.content.decode()


def test_delivery_api_answers_503_not_500_when_the_database_drops_mid_request(
    client, monkeypatch
):
    """Found by `make loadtest`: the Delivery API's catch-all handler made it a 500."""
    from django.db import OperationalError
    from django.db.backends.utils import CursorWrapper

    def connection_lost(*args, **kwargs):
        raise OperationalError("server closed the connection unexpectedly")

    monkeypatch.setattr(CursorWrapper, "execute", connection_lost)
    response = client.get("/api/v1/articles/by-path/?path=/news/anything/")
    assert response.status_code == HTTPStatus.SERVICE_UNAVAILABLE
    assert response["Content-Type"] == "application/problem+json"
    assert response["Retry-After"] == "5"
