"""The worker's minute job publishes scheduled articles and sends overdue deliveries."""

from datetime import timedelta

import pytest
from django.utils import timezone

from blog.models import ArticlePage
from cms.webhooks.management.commands.run_worker import Command
from cms.webhooks.models import WebhookDelivery
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


def test_minute_job_publishes_scheduled_article_and_announces_it(
    newsroom, endpoint, live_receiver, django_capture_on_commit_callbacks
):
    article = ArticlePageFactory(parent=newsroom.news, live=False, title="Embargoed")
    article.go_live_at = timezone.now() + timedelta(hours=1)
    revision = article.save_revision()
    revision.publish()  # scheduled, not live
    assert not ArticlePage.objects.get(pk=article.pk).live
    # An hour later: the embargo has passed.
    passed = timezone.now() - timedelta(minutes=1)
    revision.refresh_from_db()
    revision.approved_go_live_at = passed
    revision.content["go_live_at"] = passed.isoformat()
    revision.save(update_fields=["approved_go_live_at", "content"])

    with django_capture_on_commit_callbacks(execute=True):
        Command().run_scheduled_jobs()

    assert ArticlePage.objects.get(pk=article.pk).live
    published = WebhookDelivery.objects.get()
    assert published.status == WebhookDelivery.Status.SUCCEEDED
    assert [(r.json["type"], r.json["page"]["id"]) for r in live_receiver.requests] == [
        ("article.published", article.pk)
    ]


def test_minute_job_sends_deliveries_whose_task_was_lost(
    newsroom, endpoint, live_receiver
):
    # Written with the event, but its task never ran (no after-commit here).
    ArticlePageFactory(parent=newsroom.news)
    assert live_receiver.requests == []
    Command().run_scheduled_jobs()
    assert WebhookDelivery.objects.get().status == WebhookDelivery.Status.SUCCEEDED
    assert len(live_receiver.accepted) == 1
