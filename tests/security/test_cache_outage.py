"""
With Redis unreachable the site keeps serving from the database.

The shared cache holds rate-limit counters, the Delivery API's content
generation and its cached responses. None of them may turn a cache outage
into errors: reads fall back to the database, limits fail open, and a
publish still shows at once.
"""

import logging
import socket
from http import HTTPStatus

import pytest
from django.core.cache import cache
from django.test import override_settings

from cms.security.cache_outage import ThrottledCacheErrors
from cms.settings.base import redis_caches
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def _closed_port():
    """A local port nothing listens on: connecting to it is refused at once."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def redis_down():
    """The project's own Redis cache settings, pointed at a Redis that is not there."""
    with override_settings(
        CACHES=redis_caches(f"redis://127.0.0.1:{_closed_port()}/0")
    ):
        yield


@pytest.fixture
def article(newsroom, django_capture_on_commit_callbacks):
    """A published article whose Delivery API document was rendered on commit."""
    with django_capture_on_commit_callbacks(execute=True):
        return ArticlePageFactory(
            parent=newsroom.news, title="Cache outage", slug="cache-outage"
        )


def test_cache_calls_answer_nothing_instead_of_raising(redis_down):
    assert cache.get("anything") is None
    assert cache.add("anything", 1) is None
    assert cache.incr("anything") is None


def test_delivery_api_serves_articles_while_redis_is_down(redis_down, client, article):
    listing = client.get("/api/v1/articles/")
    detail = client.get(f"/api/v1/articles/{article.pk}/")
    assert listing.status_code == HTTPStatus.OK
    assert detail.status_code == HTTPStatus.OK
    assert detail.json()["title"] == "Cache outage"


def test_rate_limit_lets_requests_through_while_redis_is_down(
    redis_down, client, article, settings
):
    settings.API_RATE_LIMIT = "2/min"
    statuses = {client.get("/api/v1/articles/").status_code for _ in range(5)}
    assert statuses == {HTTPStatus.OK}


def test_publish_shows_at_once_while_redis_is_down(
    redis_down, client, article, django_capture_on_commit_callbacks
):
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == HTTPStatus.OK
    article.title = "Cache outage, updated"
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["title"] == (
        "Cache outage, updated"
    )


def test_site_pages_render_while_redis_is_down(redis_down, client, article):
    assert client.get(article.url).status_code == HTTPStatus.OK
    assert client.get("/").status_code == HTTPStatus.OK


def test_a_redis_outage_is_logged_once_per_interval_without_tracebacks(
    redis_down, caplog
):
    """A traceback per failed cache call cost more than the request it slowed down."""
    throttles = [
        f
        for f in logging.getLogger("django_redis.cache").filters
        if isinstance(f, ThrottledCacheErrors)
    ]
    assert len(throttles) == 1, "LOGGING must attach the throttle to django-redis"
    throttles[0].next_at = 0.0
    with caplog.at_level(logging.ERROR, logger="django_redis.cache"):
        for _ in range(20):
            cache.get("anything")
    records = [r for r in caplog.records if r.name == "django_redis.cache"]
    assert len(records) == 1
    assert records[0].exc_info is None
    assert "Cache unavailable" in records[0].getMessage()
