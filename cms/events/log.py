from django.db import transaction

from .models import ContentEvent
from .signals import event_committed


def _page_type(page):
    specific_class = page.specific_class or type(page)
    meta = specific_class._meta
    return f"{meta.app_label}.{meta.model_name}"


def record(event_type, page, *, user=None, revision=None, **data):
    """
    Append an event for ``page`` to the log, inside the caller's transaction,
    and announce it to consumers once that transaction commits.
    """
    event = ContentEvent.objects.create(
        type=event_type,
        page_id=page.pk,
        page_type=_page_type(page),
        url_path=page.url_path or "",
        revision_id=getattr(revision, "pk", None),
        user=user if getattr(user, "is_authenticated", False) else None,
        data=data,
    )
    transaction.on_commit(
        lambda: event_committed.send(sender=ContentEvent, event=event), robust=True
    )
    return event
