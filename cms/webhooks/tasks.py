"""django-tasks entry points for webhook delivery."""

from django_tasks import task

from . import delivery


@task()
def deliver_webhook(delivery_id):
    """Make the next attempt at one delivery (queued on commit and for retries)."""
    made = delivery.attempt(delivery_id)
    return None if made is None else made.succeeded
