"""The webhook figures every ``/metrics`` scrape reads from the database."""

from django.db.models import Count
from prometheus_client.core import GaugeMetricFamily

from .models import WebhookAttempt, WebhookDelivery


def webhook_figures():
    deliveries = GaugeMetricFamily(
        "cms_webhook_deliveries",
        "Webhook deliveries by state: pending (incl. retrying), succeeded, "
        "failed (gave up after the last attempt).",
        labels=["status"],
    )
    found = dict(
        WebhookDelivery.objects.values_list("status").annotate(n=Count("id")).order_by()
    )
    for status in WebhookDelivery.Status.values:
        deliveries.add_metric([status], found.get(status, 0))
    yield deliveries
    failed = GaugeMetricFamily(
        "cms_webhook_failed_attempts",
        "Webhook attempts that failed (error or non-2xx), kept in the delivery log.",
    )
    failed.add_metric([], WebhookAttempt.objects.filter(succeeded=False).count())
    yield failed
