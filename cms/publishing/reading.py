"""
Reading the published read model: the documents a reader may see now, and
one document's stored detail. The article filters are ``filters``.
"""

import datetime as dt

from django.db import connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from .models import DeliveryDocument


def visible(page_type):
    """Stored documents a reader may see now: expiry is checked at read time."""
    now = timezone.now()
    return DeliveryDocument.objects.filter(page_type=page_type).filter(
        Q(expire_at__isnull=True) | Q(expire_at__gt=now)
    )


DETAIL_LOOKUPS = ("page_id", "slug", "live_path")


def _aware(value):
    # SQLite hands plain SQL its timestamps as text, without a zone.
    if isinstance(value, str):
        value = parse_datetime(value)
    if value is not None and timezone.is_naive(value):
        value = timezone.make_aware(value, dt.UTC)
    return value


def stored_detail(page_type, column, value, locale=None):
    """
    The detail JSON and Last-Modified of the visible document whose
    ``column`` is ``value`` (newest first when a slug repeats), in edition
    ``locale`` when one is given, or None.

    Plain SQL: this is the hottest uncached read, and building the ORM
    query cost four times as much as running it. Reads go where the router
    sends them (the replica, when it has caught up).
    """
    if column not in DETAIL_LOOKUPS:
        raise ValueError(f"Not a detail lookup: {column}")
    table = DeliveryDocument._meta.db_table
    alias = router.db_for_read(DeliveryDocument)
    edition = "" if locale is None else " AND locale = %s"
    params = [page_type, value] + ([] if locale is None else [locale])
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT detail, last_modified, expire_at FROM {table} "  # noqa: S608
            f"WHERE page_type = %s AND {column} = %s{edition} ORDER BY sort_date DESC",
            params,
        )
        rows = cursor.fetchall()
    now = timezone.now()
    for detail, last_modified, expire_at in rows:
        expire_at = _aware(expire_at)
        if expire_at is None or expire_at > now:
            return detail, _aware(last_modified)
    return None
