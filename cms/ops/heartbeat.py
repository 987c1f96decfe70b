"""
Whether a background loop is running, as the admin needs to know: a page
scheduled to go live waits for the worker's scheduler, so an editor who
schedules one while no worker runs is told it will wait.
"""

from datetime import timedelta

from django.utils import timezone

from .models import Heartbeat

SCHEDULER = "scheduler"
# A loop counts as running until it has missed two rounds, plus slack for a
# slow round (publish_scheduled and the webhook sweep run inside it).
MISSED_ROUNDS = 2
SLACK = timedelta(seconds=30)


def beat(name, every):
    """Record that the loop ``name``, which runs every ``every`` seconds, ran now."""
    Heartbeat.objects.update_or_create(
        name=name, defaults={"beat_at": timezone.now(), "every": every}
    )


def is_running(name):
    heartbeat = Heartbeat.objects.filter(name=name).first()
    if heartbeat is None:
        return False
    allowed = timedelta(seconds=heartbeat.every * MISSED_ROUNDS) + SLACK
    return timezone.now() - heartbeat.beat_at <= allowed
