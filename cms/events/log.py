from django.db import transaction

from cms.pagetypes import page_type_label

from .dispatch import dispatch
from .models import ContentEvent


def record(event_type, page, *, user=None, revision=None, **data):
    """
    Append an event for ``page`` to the log, inside the caller's transaction,
    and announce it to consumers once that transaction commits.
    """
    event = ContentEvent.objects.create(
        type=event_type,
        page_id=page.pk,
        page_type=page_type_label(page),
        url_path=page.url_path or "",
        revision_id=getattr(revision, "pk", None),
        user=user if getattr(user, "is_authenticated", False) else None,
        data=data,
    )
    transaction.on_commit(lambda: dispatch(event), robust=True)
    return event
