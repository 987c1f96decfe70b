"""
Reading the published read model: the documents a reader may see now, one
document's stored detail, and the article filters (author, topics, section,
dates) that the list, search and the sync feed share.
"""

import datetime as dt
from datetime import datetime, time

from django.db import connections, router
from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.models import Page

from blog.models import ArticleAuthor, ArticleTopic
from cms.http.problems import BadRequest

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


def stored_detail(page_type, column, value):
    """
    The detail JSON and Last-Modified of the visible document whose
    ``column`` is ``value`` (newest first when a slug repeats), or None.

    Plain SQL: this is the hottest uncached read, and building the ORM
    query cost four times as much as running it. Reads go where the router
    sends them (the replica, when it has caught up).
    """
    if column not in DETAIL_LOOKUPS:
        raise ValueError(f"Not a detail lookup: {column}")
    table = DeliveryDocument._meta.db_table
    alias = router.db_for_read(DeliveryDocument)
    with connections[alias].cursor() as cursor:
        cursor.execute(
            f"SELECT detail, last_modified, expire_at FROM {table} "  # noqa: S608
            f"WHERE page_type = %s AND {column} = %s ORDER BY sort_date DESC",
            [page_type, value],
        )
        rows = cursor.fetchall()
    now = timezone.now()
    for detail, last_modified, expire_at in rows:
        expire_at = _aware(expire_at)
        if expire_at is None or expire_at > now:
            return detail, _aware(last_modified)
    return None


def _by_id_or_slug(value):
    value = value.strip()
    return ("id", int(value)) if value.isdigit() else ("slug", value)


def parse_when(name, value, *, end_of_day=False):
    """An ISO date or datetime; a bare date means its start (or end) in UTC."""
    if value is None:
        return None
    try:
        # A bare date first: parse_datetime reads "2025-03-08" as midnight,
        # which would end a "published_before" day at its very start.
        day = parse_date(value)
        if day is not None:
            moment = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(
            f"{name} must be an ISO 8601 date or date-time.",
            [{"name": name, "reason": "not an ISO 8601 date or date-time"}],
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


def filter_articles(
    queryset,
    *,
    author=None,
    topics=(),
    section=None,
    published_after=None,
    published_before=None,
):
    """
    Narrow article documents. Each ``topic`` parameter must match (AND);
    commas inside one parameter offer alternatives (OR).
    """
    if author:
        kind, value = _by_id_or_slug(author)
        links = ArticleAuthor.objects.filter(
            **({"author_id": value} if kind == "id" else {"author__slug": value})
        )
        queryset = queryset.filter(page_id__in=links.values("page_id"))
    for topic in topics:
        slugs = [slug.strip() for slug in topic.split(",") if slug.strip()]
        if slugs:
            tagged = ArticleTopic.objects.filter(tag__slug__in=slugs)
            queryset = queryset.filter(page_id__in=tagged.values("content_object_id"))
    if section:
        kind, value = _by_id_or_slug(section)
        if kind == "id":
            queryset = queryset.filter(section_id=value)
        else:
            queryset = queryset.filter(
                section_id__in=Page.objects.filter(slug=value).values("pk")
            )
    after = parse_when("published_after", published_after)
    before = parse_when("published_before", published_before, end_of_day=True)
    if after:
        queryset = queryset.filter(sort_date__gte=after)
    if before:
        queryset = queryset.filter(sort_date__lte=before)
    return queryset
