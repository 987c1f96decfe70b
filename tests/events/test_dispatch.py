"""
What follows a committed content change runs in one written-down order:
documents, then the CDN, then webhooks; never in INSTALLED_APPS order.
"""

import pytest
from django.test import override_settings

from cms.events.dispatch import dispatch
from cms.events.models import ContentEvent
from cms.publishing.models import DeliveryDocument
from cms.webhooks import delivery
from cms.webhooks.models import WebhookEndpoint
from cms.webhooks.topics import ALL
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

calls = []


def first(state):
    calls.append(("first", state.event.pk))


def failing(state):
    calls.append(("failing", state.event.pk))
    raise RuntimeError("a CDN outage")


def last(state):
    calls.append(("last", state.event.pk))


@override_settings(
    CONTENT_EVENT_HANDLERS=[
        "tests.events.test_dispatch.first",
        "tests.events.test_dispatch.failing",
        "tests.events.test_dispatch.last",
    ]
)
def test_handlers_run_in_the_order_the_settings_list_them_even_past_a_failure(
    newsroom,
):
    calls.clear()
    article = ArticlePageFactory(parent=newsroom.news)
    event = ContentEvent.objects.filter(page_id=article.pk).latest("pk")
    calls.clear()

    dispatch(event)

    assert calls == [("first", event.pk), ("failing", event.pk), ("last", event.pk)]


def test_a_webhook_is_queued_only_once_the_article_document_is_stored(
    newsroom, monkeypatch, django_capture_on_commit_callbacks
):
    WebhookEndpoint.objects.create(
        name="Partner", url="https://partner.example/hook", events=list(ALL)
    )
    stored_when_queued = []

    def schedule(delivery_id, **kwargs):
        stored_when_queued.append(
            DeliveryDocument.objects.filter(page_id=article.pk).exists()
        )

    monkeypatch.setattr(delivery, "schedule", schedule)
    article = ArticlePageFactory(parent=newsroom.news, live=False)
    with django_capture_on_commit_callbacks(execute=True):
        article.save_revision().publish()

    assert stored_when_queued == [True]
