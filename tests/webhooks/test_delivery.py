"""Publishing tells subscribed endpoints, signed, after commit, retried until received."""

import hashlib
import hmac
from datetime import timedelta

import pytest
from django.core import mail
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from cms.events.models import ContentEvent
from cms.webhooks import delivery
from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db


def verify_signature(secret, headers, body):
    """The receiver snippet from docs/webhooks.md, verbatim."""
    timestamp = headers["X-Newsroom-Timestamp"]
    expected = (
        "sha256="
        + hmac.new(
            secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256
        ).hexdigest()
    )
    return hmac.compare_digest(expected, headers["X-Newsroom-Signature"])


def later(hours):
    return timezone.now() + timedelta(hours=hours)


def test_published_article_reaches_receiver_signed_with_its_live_document(
    newsroom, endpoint, live_receiver, django_capture_on_commit_callbacks
):
    author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=newsroom.news, authors=[author])

    received = live_receiver.requests[-1]
    assert verify_signature(endpoint.secret, received.headers, received.body)
    assert not verify_signature("whsec_wrong", received.headers, received.body)
    event = ContentEvent.objects.get(page_id=article.pk, type="page.published")
    assert received.headers["X-Newsroom-Event"] == "article.published"
    assert received.headers["X-Newsroom-Delivery"] == str(event.uuid)
    assert received.headers["X-Newsroom-Attempt"] == "1"
    payload = received.json
    assert payload["id"] == str(event.uuid)
    assert payload["type"] == "article.published"
    assert payload["page"]["id"] == article.pk
    assert payload["page"]["api_url"].endswith(f"/api/v1/articles/{article.pk}/")
    assert payload["data"]["document"]["title"] == article.title
    assert [a["name"] for a in payload["data"]["document"]["authors"]] == [
        "Sofia Nawab"
    ]


def test_endpoint_hears_only_the_events_it_subscribed_to(
    newsroom, endpoint, live_receiver, django_capture_on_commit_callbacks
):
    endpoint.events = ["article.unpublished"]
    endpoint.save()
    with django_capture_on_commit_callbacks(execute=True):
        AuthorPageFactory(parent=newsroom.authors)
        article = ArticlePageFactory(parent=newsroom.news)
        article.unpublish()
    assert [r.headers["X-Newsroom-Event"] for r in live_receiver.requests] == [
        "article.unpublished"
    ]


def test_nothing_is_sent_until_the_publishing_transaction_commits(
    newsroom, endpoint, live_receiver, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True), transaction.atomic():
        ArticlePageFactory(parent=newsroom.news)
        # The outbox row exists with the event, but nobody was told yet.
        assert WebhookDelivery.objects.count() == 1
        assert live_receiver.requests == []
    assert len(live_receiver.requests) == 1


def test_rolled_back_publish_is_never_announced(newsroom, endpoint, live_receiver):
    with pytest.raises(RuntimeError), transaction.atomic():
        ArticlePageFactory(parent=newsroom.news)
        raise RuntimeError
    assert WebhookDelivery.objects.count() == 0
    assert delivery.send_due(now=later(48)) == []
    assert live_receiver.requests == []


@override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"},
    },
    WEBHOOK_TASK_BACKEND="background",
)
def test_slow_receiver_does_not_hold_up_publishing(
    newsroom, endpoint, live_receiver, django_capture_on_commit_callbacks
):
    from django_tasks import task_backends

    queue = task_backends["background"]
    queue.clear()
    live_receiver.delay = 2
    with django_capture_on_commit_callbacks(execute=True):
        article = ArticlePageFactory(parent=newsroom.news)
    # Publishing has returned: the delivery is queued, not sent.
    assert article.live
    assert live_receiver.requests == []
    [queued] = queue.results
    assert queued.task.name == "deliver_webhook"
    # The worker, later, delivers it.
    made = queued.task.call(*queued.args)
    assert made is True
    assert len(live_receiver.accepted) == 1


def test_receiver_down_then_back_gets_every_event_exactly_once(
    newsroom, endpoint, receiver, django_capture_on_commit_callbacks
):
    # Not listening at all: every first attempt fails to connect.
    with django_capture_on_commit_callbacks(execute=True):
        author = AuthorPageFactory(parent=newsroom.authors)
        articles = [ArticlePageFactory(parent=newsroom.news) for _ in range(3)]
        articles[0].unpublish()
    events = set(ContentEvent.objects.values_list("uuid", flat=True))
    assert len(events) == 5
    assert WebhookDelivery.objects.filter(status="pending").count() == 5

    # Back, but overloaded.
    receiver.status = 503
    receiver.start()
    delivery.send_due(now=later(1))
    assert len(receiver.requests) == 5
    assert receiver.accepted == {}

    # Healthy again: every pending delivery lands once.
    receiver.status = 200
    delivery.send_due(now=later(6))
    delivery.send_due(now=later(12))
    delivery.send_due(now=later(30))
    assert set(receiver.accepted) == {str(uuid) for uuid in events}
    assert all(len(copies) == 1 for copies in receiver.accepted.values())
    assert len(receiver.requests) == 10
    assert not WebhookDelivery.objects.exclude(status="succeeded").exists()
    # Each delivery kept its attempt log: refused, 503, then 200.
    first = WebhookDelivery.objects.get(event__page_id=author.pk)
    assert [a.status_code for a in first.attempts.order_by("number")] == [
        None,
        503,
        200,
    ]
    assert first.attempts.order_by("number").first().error.startswith("ConnectionError")


def test_attempt_records_status_and_latency_but_not_the_response(
    newsroom, endpoint, live_receiver, django_capture_on_commit_callbacks
):
    live_receiver.status = 500
    live_receiver.reply = "x" * 5000
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)
    attempt = WebhookDelivery.objects.get().attempts.get()
    assert attempt.status_code == 500
    assert not attempt.succeeded
    assert attempt.latency_ms >= 0
    assert "x" * 10 not in str(vars(attempt))
    assert WebhookDelivery.objects.get().next_attempt_at > timezone.now()


@override_settings(WEBHOOK_MAX_ATTEMPTS=2, WEBHOOK_PAUSE_AFTER_FAILURES=2)
def test_endpoint_that_keeps_failing_is_paused_and_administrators_are_emailed(
    newsroom, endpoint, live_receiver, administrator, django_capture_on_commit_callbacks
):
    live_receiver.status = 503
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)
        ArticlePageFactory(parent=newsroom.news)
    with django_capture_on_commit_callbacks(execute=True):
        delivery.send_due(now=later(1))
    endpoint.refresh_from_db()
    assert endpoint.is_paused
    assert "2 deliveries" in endpoint.paused_reason
    assert WebhookDelivery.objects.filter(status="failed").count() == 2
    [message] = mail.outbox
    assert message.to == [administrator.email]
    assert endpoint.name in message.subject

    # Paused: later events wait in the outbox instead of being sent.
    live_receiver.status = 200
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)
    assert len(live_receiver.requests) == 4
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_paused=False)
    delivery.send_due()
    assert len(live_receiver.accepted) == 1


def test_retries_back_off_to_span_about_a_day():
    waits = [delivery.retry_delay(n) for n in range(1, 8)]
    assert waits == sorted(waits)
    assert timedelta(hours=18) < sum(waits, timedelta()) < timedelta(hours=30)
