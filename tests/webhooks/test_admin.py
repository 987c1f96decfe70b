"""Administrators manage endpoints in the admin, see each delivery's attempts and re-send."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from cms.webhooks.models import WebhookDelivery, WebhookEndpoint
from tests.factories import TEST_PASSWORD, ArticlePageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


def test_administrator_creates_endpoint_with_a_generated_secret(
    client, administrator, receiver
):
    login(client, administrator)
    response = client.post(
        reverse("webhooks:add"),
        {
            "name": "Next.js site",
            "url": receiver.url,
            "events": ["article.published", "article.deleted"],
            "is_active": "on",
            "paused_reason": "",
        },
    )
    assert response.status_code == HTTPStatus.FOUND
    endpoint = WebhookEndpoint.objects.get()
    assert endpoint.events == ["article.published", "article.deleted"]
    assert endpoint.created_by == administrator
    assert endpoint.secret.startswith("whsec_")
    inspect = client.get(reverse("webhooks:inspect", args=[endpoint.pk]))
    assert endpoint.secret in inspect.content.decode()


def test_writer_cannot_see_webhook_endpoints(client, writer, endpoint):
    login(client, writer)
    response = client.get(reverse("webhooks:inspect", args=[endpoint.pk]))
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert endpoint.secret not in response.content.decode()


def test_administrator_sees_status_and_timing_of_attempts_and_resends_a_delivery(
    client,
    administrator,
    newsroom,
    endpoint,
    live_receiver,
    django_capture_on_commit_callbacks,
):
    live_receiver.status = 503
    live_receiver.reply = "upstream overloaded"
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)
    login(client, administrator)
    page = client.get(reverse("webhooks:inspect", args=[endpoint.pk])).content.decode()
    assert "HTTP 503" in page
    attempt = WebhookDelivery.objects.get().attempts.get()
    assert f"({attempt.latency_ms} ms)" in page
    # What the receiver answered is neither kept nor shown.
    assert "upstream overloaded" not in page
    assert not hasattr(attempt, "response_excerpt")

    live_receiver.status = 200
    item = WebhookDelivery.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("webhooks:resend", args=[item.pk]))
    assert response.status_code == HTTPStatus.FOUND
    item.refresh_from_db()
    assert item.status == WebhookDelivery.Status.SUCCEEDED
    assert [r.headers["X-Newsroom-Attempt"] for r in live_receiver.requests] == [
        "1",
        "2",
    ]


def test_writer_cannot_resend_a_delivery(
    client,
    writer,
    newsroom,
    endpoint,
    live_receiver,
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news)
    login(client, writer)
    item = WebhookDelivery.objects.get()
    response = client.post(reverse("webhooks:resend", args=[item.pk]))
    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert len(live_receiver.requests) == 1


def test_editor_cannot_add_or_change_webhook_endpoints(client, editor, endpoint):
    login(client, editor)

    listing = client.get(reverse("webhooks:index"))
    added = client.post(
        reverse("webhooks:add"),
        {
            "name": "Metadata",
            "url": "http://169.254.169.254/latest/meta-data/",
            "events": ["article.published"],
            "is_active": "on",
        },
    )
    changed = client.post(
        reverse("webhooks:edit", args=[endpoint.pk]),
        {
            "name": endpoint.name,
            "url": "http://127.0.0.1:6379/",
            "events": ["article.published"],
            "is_active": "on",
        },
    )

    assert listing.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert added.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert changed.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert list(WebhookEndpoint.objects.values_list("url", flat=True)) == [endpoint.url]
