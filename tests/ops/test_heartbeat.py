"""Whether the worker's scheduler runs, as the schedule dialog tells editors."""

import threading
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from cms.ops import heartbeat
from cms.ops.models import Heartbeat
from cms.webhooks.management.commands.run_worker import Command
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_no_worker_has_run_so_the_scheduler_is_not_running():
    assert not heartbeat.is_running(heartbeat.SCHEDULER)


class OneRound(threading.Event):
    """A stop signal that stops the loop after its first round."""

    def wait(self, timeout=None):
        self.set()
        return True


def test_a_scheduler_round_leaves_a_heartbeat(monkeypatch):
    monkeypatch.setattr(Command, "run_scheduled_jobs", lambda self: None)
    # The loop closes its thread's connection; here that is the test's own.
    monkeypatch.setattr(
        "cms.webhooks.management.commands.run_worker.connection.close", lambda: None
    )
    Command().scheduler_loop(OneRound(), 60)
    assert heartbeat.is_running(heartbeat.SCHEDULER)


def test_a_scheduler_that_missed_two_rounds_is_not_running():
    Heartbeat.objects.create(
        name=heartbeat.SCHEDULER,
        beat_at=timezone.now() - timedelta(minutes=3),
        every=60,
    )
    assert not heartbeat.is_running(heartbeat.SCHEDULER)
    heartbeat.beat(heartbeat.SCHEDULER, 60)
    assert heartbeat.is_running(heartbeat.SCHEDULER)


def _schedule_dialog(client, user, page):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    html = client.get(reverse("wagtailadmin_pages:edit", args=(page.pk,))).content
    return html.decode()


def test_schedule_dialog_names_the_time_zone_and_warns_without_a_worker(
    newsroom, editor, client, settings
):
    dialog = _schedule_dialog(client, editor, newsroom.news)
    assert "Times are in UTC (UTC+00:00)." in dialog
    assert "No background worker is running." in dialog
    assert "make worker" in dialog


def test_schedule_dialog_says_nothing_of_the_worker_while_it_runs(
    newsroom, editor, client
):
    heartbeat.beat(heartbeat.SCHEDULER, 60)
    dialog = _schedule_dialog(client, editor, newsroom.news)
    assert "Times are in" in dialog
    assert "No background worker is running." not in dialog
