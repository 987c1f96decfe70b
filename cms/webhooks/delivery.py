"""
Sending deliveries: one attempt at a time, retried with backoff until it
succeeds or the attempts run out.

Every path that sends (the task queued on commit, a deferred retry, the
worker's sweep of due deliveries, a manual re-send) goes through
``attempt``, which first claims the delivery by pushing ``next_attempt_at``
forward in one UPDATE. Only one caller wins that race, and a delivered or
abandoned delivery is never due, so nothing is sent twice by us and nothing
is sent after success.
"""

import json
import logging
import random
import time
from datetime import timedelta

import requests
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from blog.editorial import ADMINISTRATORS

from . import conf, destinations, payloads
from .models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from .signing import sign

logger = logging.getLogger(__name__)

USER_AGENT = "Newsroom-Webhooks/1"


def retry_delay(attempts_made):
    """Exponential backoff with ±20 % jitter, so failed receivers are not hit in step."""
    base = conf.get("WEBHOOK_RETRY_BASE_SECONDS") * conf.get(
        "WEBHOOK_RETRY_FACTOR"
    ) ** (attempts_made - 1)
    return timedelta(seconds=base * random.uniform(0.8, 1.2))  # noqa: S311


def _lease():
    """Long enough for one request to time out, so a claim outlives its attempt."""
    return timedelta(
        seconds=conf.get("WEBHOOK_CONNECT_TIMEOUT")
        + conf.get("WEBHOOK_READ_TIMEOUT")
        + 30
    )


def _claim(delivery_id, now):
    return (
        WebhookDelivery.objects.due(now)
        .filter(pk=delivery_id, endpoint__is_active=True, endpoint__is_paused=False)
        .update(next_attempt_at=now + _lease())
    )


def encode(payload):
    return json.dumps(payload, cls=DjangoJSONEncoder, separators=(",", ":")).encode()


def _post(endpoint, delivery, body, number):
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        "X-Newsroom-Event": delivery.topic,
        "X-Newsroom-Delivery": str(delivery.event.uuid),
        "X-Newsroom-Attempt": str(number),
        "X-Newsroom-Timestamp": timestamp,
        "X-Newsroom-Signature": sign(endpoint.secret, timestamp, body),
    }
    attempt = WebhookAttempt(
        delivery=delivery, number=number, started_at=timezone.now()
    )
    started = time.monotonic()
    try:
        response = destinations.post(
            endpoint.url,
            data=body,
            headers=headers,
            timeout=(
                conf.get("WEBHOOK_CONNECT_TIMEOUT"),
                conf.get("WEBHOOK_READ_TIMEOUT"),
            ),
        )
    except destinations.UnsafeDestination as exc:
        attempt.error = _("Not sent: %(reason)s") % {"reason": exc.messages[0]}
    except requests.RequestException as exc:
        attempt.error = f"{type(exc).__name__}: {exc}"[:500]
    else:
        # Only the status is kept: a receiver's answer is never stored or shown.
        response.close()
        attempt.status_code = response.status_code
        attempt.succeeded = 200 <= response.status_code < 300
        if not attempt.succeeded:
            attempt.error = f"HTTP {response.status_code}"
    attempt.latency_ms = round((time.monotonic() - started) * 1000)
    attempt.save()
    return attempt


def attempt(delivery_id, *, now=None):
    """
    Make the next attempt at a delivery if it is due; return the attempt or None.

    Never raises for a receiver's failure: that is recorded and retried.
    """
    now = now or timezone.now()
    if not _claim(delivery_id, now):
        return None
    delivery = WebhookDelivery.objects.select_related("event", "endpoint").get(
        pk=delivery_id
    )
    if delivery.payload is None:
        delivery.payload = payloads.build(delivery.event)
        delivery.save(update_fields=["payload"])
    number = delivery.attempts.count() + 1
    made = _post(delivery.endpoint, delivery, encode(delivery.payload), number)
    _record_outcome(delivery, made, now)
    return made


@transaction.atomic
def _record_outcome(delivery, made, now):
    delivery.attempt_count += 1
    endpoint = delivery.endpoint
    if made.succeeded:
        delivery.status = WebhookDelivery.Status.SUCCEEDED
        delivery.delivered_at = timezone.now()
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(failure_streak=0)
    elif delivery.attempt_count >= conf.get("WEBHOOK_MAX_ATTEMPTS"):
        delivery.status = WebhookDelivery.Status.FAILED
        _count_failure(endpoint)
    else:
        delivery.next_attempt_at = now + retry_delay(delivery.attempt_count)
        transaction.on_commit(
            lambda: schedule(delivery.pk, run_after=delivery.next_attempt_at)
        )
    delivery.save(
        update_fields=["attempt_count", "status", "delivered_at", "next_attempt_at"]
    )


def _count_failure(endpoint):
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(
        failure_streak=F("failure_streak") + 1
    )
    endpoint.refresh_from_db(fields=["failure_streak", "is_paused"])
    limit = conf.get("WEBHOOK_PAUSE_AFTER_FAILURES")
    if endpoint.failure_streak >= limit and not endpoint.is_paused:
        pause(
            endpoint,
            _("%(count)s deliveries in a row failed after every retry.")
            % {"count": endpoint.failure_streak},
        )


def pause(endpoint, reason):
    """Stop sending to ``endpoint`` and tell the Administrators (who manage it) why."""
    endpoint.is_paused = True
    endpoint.paused_reason = reason
    endpoint.save(update_fields=["is_paused", "paused_reason"])
    recipients = list(
        get_user_model()
        .objects.filter(Q(groups__name=ADMINISTRATORS) | Q(is_superuser=True))
        .filter(is_active=True)
        .exclude(email="")
        .values_list("email", flat=True)
        .distinct()
    )
    if recipients:
        transaction.on_commit(
            lambda: send_mail(
                _("Webhook endpoint paused: %(name)s") % {"name": endpoint.name},
                _(
                    "Deliveries to %(url)s are paused: %(reason)s\n\n"
                    "Pending deliveries are kept. Fix the receiver, then untick "
                    "'paused' on the endpoint to resume."
                )
                % {"url": endpoint.url, "reason": reason},
                None,
                recipients,
                fail_silently=True,
            )
        )
    logger.warning("Webhook endpoint %s paused: %s", endpoint.pk, reason)


def schedule(delivery_id, *, run_after=None):
    """
    Queue the delivery's next attempt on the configured django-tasks backend.

    A retry needs a backend that can defer (the database backend); with one
    that cannot, the worker's sweep (``send_due``) picks it up once due.
    """
    from .tasks import deliver_webhook

    task = deliver_webhook.using(backend=conf.get("WEBHOOK_TASK_BACKEND"))
    if run_after is not None:
        if not task.get_backend().supports_defer:
            return None
        task = task.using(run_after=run_after)
    try:
        return task.enqueue(delivery_id)
    except Exception:
        # The outbox row is safe; the sweep will send it.
        logger.exception("Could not queue webhook delivery %s", delivery_id)
        return None


def resend(delivery):
    """Send a delivery again now, with a fresh set of retries (the admin's re-send)."""
    WebhookDelivery.objects.filter(pk=delivery.pk).update(
        status=WebhookDelivery.Status.PENDING,
        attempt_count=0,
        next_attempt_at=timezone.now(),
        delivered_at=None,
    )
    transaction.on_commit(lambda: schedule(delivery.pk))


def send_due(*, now=None, limit=200):
    """Attempt every due delivery: the worker's safety net for lost or deferred tasks."""
    now = now or timezone.now()
    due = (
        WebhookDelivery.objects.due(now)
        .filter(endpoint__is_active=True, endpoint__is_paused=False)
        .order_by("next_attempt_at", "pk")
        .values_list("pk", flat=True)[:limit]
    )
    return [made for pk in list(due) if (made := attempt(pk, now=now)) is not None]
