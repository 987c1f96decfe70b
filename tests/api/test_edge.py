"""
The edge answers repeated Delivery API reads before the rest of the stack:
what it serves must be exactly what the endpoint would have served.
"""

from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import RequestFactory
from django.urls import resolve

from cms.http.state import request_state
from cms.httpcache import edge
from cms.httpcache.caching import local_entries
from cms.sharedcache import shared_redis
from tests.factories import ArticlePageFactory

needs_redis = pytest.mark.skipif(
    shared_redis() is None, reason="the one-round-trip path needs Redis (REDIS_URL)"
)


@pytest.fixture
def story(newsroom, author, rebuild):
    article = ArticlePageFactory(
        parent=newsroom.news,
        title="Original headline",
        slug="story",
        authors=[author],
    )
    rebuild()
    return article


@pytest.fixture
def endpoint_calls(monkeypatch):
    """How many requests reached the endpoints (URL resolving) at all."""
    calls = []
    import django.core.handlers.base as base

    original = base.BaseHandler.resolve_request

    def counting(handler, request):
        calls.append(request.path)
        return original(handler, request)

    monkeypatch.setattr(base.BaseHandler, "resolve_request", counting)
    return calls


def test_a_repeated_read_is_answered_before_url_resolving(
    client, story, endpoint_calls
):
    first = client.get("/api/v1/articles/")
    second = client.get("/api/v1/articles/")

    assert endpoint_calls == ["/api/v1/articles/"]
    assert second.status_code == HTTPStatus.OK
    assert second.content == first.content
    for header in ("ETag", "Last-Modified", "Cache-Control", "Content-Type"):
        assert second[header] == first[header]


def test_the_edge_answer_carries_the_security_and_cors_headers(client, story, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.example-news.com"]
    client.get("/api/v1/articles/")

    hit = client.get(
        "/api/v1/articles/", headers={"Origin": "https://www.example-news.com"}
    )

    assert hit["Access-Control-Allow-Origin"] == "https://www.example-news.com"
    assert "Origin" in hit["Vary"]
    assert hit["X-Content-Type-Options"] == "nosniff"


def test_the_edge_answers_304_to_a_current_etag(client, story, endpoint_calls):
    first = client.get(f"/api/v1/articles/{story.pk}/")

    again = client.get(
        f"/api/v1/articles/{story.pk}/", headers={"If-None-Match": first["ETag"]}
    )

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert len(endpoint_calls) == 1


def test_head_from_the_edge_has_the_get_headers_and_no_body(client, story):
    get = client.get("/api/v1/articles/")

    head = client.head("/api/v1/articles/")

    assert head.status_code == HTTPStatus.OK
    assert head.content == b""
    assert head["ETag"] == get["ETag"]


def test_a_publish_is_never_answered_from_the_edge_stale(
    client, story, publish, endpoint_calls
):
    client.get("/api/v1/articles/")
    client.get("/api/v1/articles/")

    with publish():
        story.title = "Corrected headline"
        story.save_revision().publish()
    after = client.get("/api/v1/articles/")

    assert after.json()["results"][0]["title"] == "Corrected headline"
    assert endpoint_calls.count("/api/v1/articles/") == 2


def test_an_unknown_parameter_is_refused_even_after_a_cached_answer(client, story):
    client.get("/api/v1/articles/?limit=5")

    response = client.get("/api/v1/articles/?limit=5&auther=x")

    assert response.status_code == HTTPStatus.BAD_REQUEST


def test_cached_answers_count_against_the_rate_limit(client, story, settings):
    settings.API_RATE_LIMIT = "3/min"

    statuses = [client.get("/api/v1/articles/").status_code for _ in range(5)]

    assert statuses == [200, 200, 200, 429, 429]


def test_the_edge_counts_each_request_once(client, story, settings):
    settings.API_RATE_LIMIT = "4/min"

    # A miss goes on to the endpoint: the throttle must not count it again.
    statuses = [
        client.get(f"/api/v1/articles/?limit={n}").status_code for n in range(1, 6)
    ]

    assert statuses == [200, 200, 200, 200, 429]


def test_a_caller_blocked_for_guessing_tokens_is_refused_at_the_edge(
    client, story, settings
):
    settings.API_AUTH_FAILURE_LIMIT = "1/10min"
    client.get("/api/v1/articles/")
    client.get("/api/editorial/pages/", headers={"Authorization": "Bearer wrong"})

    response = client.get("/api/v1/articles/")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Content-Type"] == "application/problem+json"


def test_token_callers_and_writes_pass_the_edge_by(client, story, endpoint_calls):
    client.get("/api/v1/articles/")
    client.get("/api/v1/articles/", headers={"Authorization": "Bearer any"})
    client.post(
        f"/api/v1/articles/{story.pk}/comments/",
        {"name": "A reader", "body": "Thanks."},
        content_type="application/json",
    )

    assert len(endpoint_calls) == 3


def test_hits_keep_their_route_name_for_the_metrics(client, story):
    client.get("/api/v1/articles/")
    request = RequestFactory().get("/api/v1/articles/")

    def endpoint(request):
        pytest.fail("a hit must not reach the endpoint")

    edge.DeliveryEdgeMiddleware(endpoint)(request)

    assert request_state(request).route == resolve("/api/v1/articles/").view_name


@needs_redis
def test_with_redis_a_hit_is_one_round_trip(client, story, redis_commands):
    client.get("/api/v1/articles/")
    redis_commands.clear()

    response = client.get("/api/v1/articles/")

    assert response.status_code == HTTPStatus.OK
    assert redis_commands == ["EVALSHA"]


def test_a_body_this_worker_keeps_is_served_without_reading_the_cached_copy(
    client, story, monkeypatch
):
    first = client.get(f"/api/v1/articles/{story.pk}/")
    client.get(f"/api/v1/articles/{story.pk}/")

    def no_bodies(*args, **kwargs):
        pytest.fail("a hit on a kept body must not read the cached copy")

    monkeypatch.setattr(cache, "get_many", no_bodies)
    hit = client.get(f"/api/v1/articles/{story.pk}/")

    assert hit.status_code == HTTPStatus.OK
    assert hit.content == first.content


def test_a_kept_copy_is_not_served_after_a_publish(client, story, publish):
    client.get(f"/api/v1/articles/{story.pk}/")
    client.get(f"/api/v1/articles/{story.pk}/")
    assert local_entries._entries, "the worker keeps the body it served"

    # Another worker publishes: only the shared generation changes here.
    with publish():
        story.title = "Published elsewhere"
        story.save_revision().publish()

    assert client.get(f"/api/v1/articles/{story.pk}/").json()["title"] == (
        "Published elsewhere"
    )


@needs_redis
def test_with_redis_down_the_edge_lets_requests_through(client, story, monkeypatch):
    def unreachable(*args, **kwargs):
        raise ConnectionError("Redis is down")

    monkeypatch.setattr(shared_redis(), "script", lambda source: unreachable)

    response = client.get(f"/api/v1/articles/{story.pk}/")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["title"] == "Original headline"
