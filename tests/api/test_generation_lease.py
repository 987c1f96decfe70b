"""
Workers answer cached reads from a lease on the content generation, and a
change is announced only once every lease from before it has run out: no
Redis round trip per cached read, and still nothing stale for anyone who
knows of the change.

Other workers are simulated in this process (``tests.api.workers``).
"""

import time
from http import HTTPStatus

import pytest
from django.test import RequestFactory

from cms.httpcache import caching, edge, leases
from cms.httpcache.caching import bump_generation
from cms.sharedcache import shared_redis
from cms.webhooks import delivery
from cms.webhooks.models import WebhookEndpoint
from tests.factories import ArticlePageFactory, AuthorPageFactory

from .workers import Worker, forget_worker_state, needs_redis


@pytest.fixture(autouse=True)
def _new_worker():
    forget_worker_state()
    yield
    forget_worker_state()


@pytest.fixture
def lease_of(settings):
    def set_lease(seconds):
        settings.API_GENERATION_LEASE = seconds

    return set_lease


@pytest.fixture
def story(newsroom, rebuild):
    byline = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    article = ArticlePageFactory(
        parent=newsroom.news, title="First edition", slug="story", authors=[byline]
    )
    rebuild()
    return article


def detail(client, article):
    return client.get(f"/api/v1/articles/{article.pk}/")


@needs_redis
def test_within_its_lease_a_worker_answers_cached_reads_without_redis(
    client, story, lease_of, redis_commands
):
    lease_of(30)
    detail(client, story)  # a miss: the endpoint builds and caches the answer
    detail(client, story)  # a hit: one round trip takes out the lease
    redis_commands.clear()

    answers = [detail(client, story) for _ in range(5)]

    assert [answer.status_code for answer in answers] == [HTTPStatus.OK] * 5
    assert redis_commands == []


@needs_redis
def test_once_its_lease_runs_out_a_worker_asks_redis_again(
    client, story, lease_of, redis_commands
):
    lease_of(0.05)
    detail(client, story)
    detail(client, story)
    time.sleep(0.06)
    redis_commands.clear()

    detail(client, story)

    assert redis_commands == ["EVALSHA"]


@needs_redis
def test_a_change_made_outside_a_request_returns_once_every_worker_serves_it(
    client, story, publish, lease_of, monkeypatch
):
    # A task, a command or a script publishing: no response to hold back,
    # so the commit itself returns only once the other worker's lease is out.
    lease_of(1)
    other = Worker(monkeypatch)
    with other.serving():
        detail(client, story)
        assert detail(client, story).json()["title"] == "First edition"

    started = time.monotonic()
    with publish():
        story.title = "Second edition"
        story.save_revision().publish()
    took = time.monotonic() - started

    with other.serving():
        assert detail(client, story).json()["title"] == "Second edition"
    assert took >= 1


def test_a_request_that_changes_nothing_is_not_held(lease_of):
    lease_of(5)
    view = leases.CommitWaitMiddleware(lambda request: "answer")

    started = time.monotonic()
    view(RequestFactory().get("/api/v1/articles/"))

    assert time.monotonic() - started < 1


@needs_redis
def test_several_changes_in_one_request_cost_one_wait(db, lease_of):
    lease_of(0.3)

    def publishing_view(request):
        for _ in range(4):
            bump_generation()
        return "answer"

    started = time.monotonic()
    leases.CommitWaitMiddleware(publishing_view)(RequestFactory().post("/admin/"))
    took = time.monotonic() - started

    assert 0.3 <= took < 0.3 * 4


@needs_redis
def test_webhooks_are_queued_only_once_the_change_is_visible(
    story, editor, publish, lease_of, monkeypatch
):
    lease_of(0.2)
    WebhookEndpoint.objects.create(
        name="Frontend",
        url="https://frontend.example/revalidate",
        events=["article.published"],
        created_by=editor,
    )
    bumped, queued = [], []
    hold = leases.hold_announcements
    monkeypatch.setattr(
        caching, "hold_announcements", lambda at: (bumped.append(at), hold(at))
    )
    monkeypatch.setattr(
        delivery, "schedule", lambda pk, **kwargs: queued.append(time.monotonic())
    )

    with publish():
        story.title = "Second edition"
        story.save_revision().publish()

    assert bumped and queued
    assert queued[0] >= bumped[0] + 0.2


@pytest.mark.skipif(shared_redis() is not None, reason="with Redis, leases are kept")
def test_without_redis_publishing_waits_for_nothing(db, settings):
    # Each process has its own local-memory cache: no leases to wait out.
    settings.API_GENERATION_LEASE = 5

    started = time.monotonic()
    leases.CommitWaitMiddleware(lambda request: bump_generation())(
        RequestFactory().post("/admin/")
    )

    assert time.monotonic() - started < 1


@needs_redis
def test_counts_made_within_a_lease_reach_the_shared_counter(
    client, story, lease_of, settings
):
    lease_of(30)
    settings.API_RATE_LIMIT = "1000/min"
    for _ in range(6):
        detail(client, story)
    edge.lease.forget()  # the next request renews, settling the pending counts

    detail(client, story)

    redis = shared_redis()
    counters = redis._backend.get_client().keys("*ratelimit:api-ip:*")
    assert len(counters) == 1
    assert int(redis._backend.get_client().get(counters[0])) == 7


@needs_redis
def test_a_caller_near_its_limit_is_refused_exactly_at_the_limit(
    client, story, lease_of, settings
):
    lease_of(30)
    settings.API_RATE_LIMIT = "20/min"

    statuses = [detail(client, story).status_code for _ in range(24)]

    assert statuses == [HTTPStatus.OK] * 20 + [HTTPStatus.TOO_MANY_REQUESTS] * 4


@needs_redis
def test_a_caller_spread_over_two_workers_gets_little_past_its_limit(
    client, story, lease_of, settings, monkeypatch
):
    lease_of(30)
    settings.API_RATE_LIMIT = "100/min"
    workers = [Worker(monkeypatch), Worker(monkeypatch)]

    answered = 0
    for turn in range(200):
        with workers[turn % 2].serving():
            answered += detail(client, story).status_code == HTTPStatus.OK

    # At most a tenth of the limit goes uncounted on the other worker.
    assert 100 <= answered <= 110


@needs_redis
def test_a_caller_blocked_for_guessing_tokens_is_refused_once_the_lease_runs_out(
    client, story, lease_of, settings
):
    lease_of(0.05)
    settings.API_AUTH_FAILURE_LIMIT = "1/10min"
    detail(client, story)
    assert detail(client, story).status_code == HTTPStatus.OK
    client.get("/api/editorial/pages/", headers={"Authorization": "Bearer wrong"})
    time.sleep(0.06)

    response = detail(client, story)

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
