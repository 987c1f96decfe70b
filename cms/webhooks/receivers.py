"""
Turn each ``ContentEvent`` into deliveries for the endpoints that want it.

The deliveries are written by a ``post_save`` handler, so inside the very
transaction that writes the event: the outbox and the change commit or roll
back together. Only after commit (``queue_for_event``, run by the events
dispatcher after the documents are rebuilt) are they queued.
"""

from django.db.models.signals import post_save
from django.dispatch import receiver
from wagtail.models import Page

from cms.events.models import ContentEvent
from cms.httpcache.leases import wait_until_visible

from . import delivery, topics
from .models import WebhookDelivery, WebhookEndpoint


def _is_public(page_id):
    return Page.objects.live().public().filter(pk=page_id).exists()


@receiver(post_save, sender=ContentEvent)
def create_deliveries(sender, instance, created, raw=False, **kwargs):
    if not created or raw:
        return
    if instance.type == ContentEvent.Type.PUBLISHED and not _is_public(
        instance.page_id
    ):
        # Wagtail sends page_published when a never-live page is only
        # scheduled, and a private page is published for its readers alone;
        # receivers hear about it when the public can read it.
        return
    topic = topics.topic_for(instance)
    endpoints = [
        endpoint
        for endpoint in WebhookEndpoint.objects.filter(is_active=True)
        if endpoint.wants(topic)
    ]
    WebhookDelivery.objects.bulk_create(
        WebhookDelivery(event=instance, endpoint=endpoint) for endpoint in endpoints
    )


def queue_for_event(dispatch):
    """
    Last of the content event handlers (``cms.events.dispatch``): queue the
    event's pending deliveries once its transaction has committed.
    """
    event = dispatch.event
    pending = list(
        WebhookDelivery.objects.filter(
            event=event, status=WebhookDelivery.Status.PENDING
        ).values_list("pk", flat=True)
    )
    if not pending:
        return
    # A receiver told of a change asks the Delivery API for it at once: not
    # before every worker serves it (the dispatcher has rebuilt the documents
    # and bumped the cache generation before this step).
    wait_until_visible()
    for delivery_id in pending:
        delivery.schedule(delivery_id)
