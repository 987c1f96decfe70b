"""Every error of the Delivery API is RFC 7807 problem+json, and bad input is never a 500."""

from http import HTTPStatus

import pytest

PROBLEM = "application/problem+json"


@pytest.fixture
def api(client, db):
    """Errors need no content: an empty newsroom answers them the same way."""
    return client


@pytest.mark.parametrize(
    ("url", "param"),
    [
        ("/api/v1/articles/?limit=101", "limit"),
        ("/api/v1/articles/?limit=0", "limit"),
        ("/api/v1/articles/?limit=ten", "limit"),
        ("/api/v1/articles/?offset=-1", "offset"),
        ("/api/v1/articles/?order=newest", "order"),
        ("/api/v1/articles/?fields=title,secret", "fields"),
        ("/api/v1/articles/?published_after=yesterday", "published_after"),
        ("/api/v1/articles/?published_before=2024-13-45", "published_before"),
        ("/api/v1/articles/?cursor=forged", "cursor"),
        ("/api/v1/articles/?cursor=x&offset=3", "cursor"),
        ("/api/v1/articles/?autor=1", "autor"),
        ("/api/v1/articles/by-path/", "path"),
        ("/api/v1/authors/?limit=1000", "limit"),
        ("/api/v1/search/", "q"),
        ("/api/v1/search/?q=%20%20", "q"),
        ("/api/v1/search/?q=" + "x" * 201, "q"),
        ("/api/v1/find/", "path"),
        ("/api/v1/topics/?page=2", "page"),
    ],
)
def test_bad_input_is_a_400_problem_naming_the_parameter(api, url, param):
    response = api.get(url)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["status"] == HTTPStatus.BAD_REQUEST
    assert param in [item["name"] for item in body["invalid_params"]]


def test_cursor_from_another_order_is_refused(api, newsroom):
    from tests.factories import ArticlePageFactory

    ArticlePageFactory(parent=newsroom.news)
    ArticlePageFactory(parent=newsroom.news)
    from cms.publishing.documents import rebuild_all

    rebuild_all()
    cursor = api.get("/api/v1/articles/", {"limit": 1}).json()["next_cursor"]

    response = api.get("/api/v1/articles/", {"cursor": cursor, "order": "title"})

    assert response.status_code == HTTPStatus.BAD_REQUEST


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/999999/",
        "/api/v1/articles/by-path/?path=/news/nothing/",
        "/api/v1/articles/by-slug/nothing/",
        "/api/v1/authors/999999/",
        "/api/v1/authors/by-slug/nobody/",
        "/api/v1/find/?path=/no/such/page/",
        "/api/v1/no-such-endpoint/",
    ],
)
def test_unknown_things_are_404_problems(api, url):
    response = api.get(url)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == PROBLEM


def test_huge_or_odd_ids_are_not_server_errors(api):
    for url in ["/api/v1/articles/99999999999999999999/", "/api/v1/articles/abc/"]:
        response = api.get(url)
        assert response.status_code in {HTTPStatus.BAD_REQUEST, HTTPStatus.NOT_FOUND}
        assert response["Content-Type"] == PROBLEM


def test_writing_is_a_405_problem(api):
    response = api.post("/api/v1/articles/", {"title": "x"})

    assert response.status_code == HTTPStatus.METHOD_NOT_ALLOWED
    assert response["Content-Type"] == PROBLEM
    assert response["Allow"] == "GET"


def test_server_error_is_a_problem_without_details(api, monkeypatch):
    from cms.api.delivery.routers import topics

    def explode(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(topics.Topic.objects, "annotate", explode)

    response = api.get("/api/v1/topics/")

    assert response.status_code == HTTPStatus.INTERNAL_SERVER_ERROR
    assert response["Content-Type"] == PROBLEM
    assert "secret" not in response.content.decode()


def test_head_is_answered_like_get_without_body(api):
    response = api.head("/api/v1/articles/")

    assert response.status_code == HTTPStatus.OK
    assert response["ETag"]
    assert response.content == b""
