"""
The sync feed: everything live, then every change since, for external mirrors.

A first call (no cursor) pages through every live article and author bio in
page-id order (the *snapshot*), remembering the event log position it started
from. Once the snapshot is done the feed replays the log from that position
(the *changes*): each changed page comes back as an upsert with its current
live document, or as a tombstone when it is gone. Replaying from the
snapshot's starting position means nothing changed during the snapshot is
missed; upserts are idempotent, so one seen twice does no harm.

Positions handed out are ``ContentEvent`` ids, but auto-increment ids are
allocated at insert and become visible at commit, which can happen out of
order. The feed therefore only hands out positions of events older than
``SYNC_SETTLE_SECONDS`` (default 10 s): any transaction that writes an event
has committed (or rolled back) by then, so no lower id can appear later.
See docs/sync.md.
"""

import json
from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.db.models import Max
from django.http import HttpRequest
from django.utils import timezone
from ninja import Query, Router
from wagtail.models import Page, ReferenceIndex

from blog.models import ArticleAuthor
from cms.events.models import ContentEvent
from cms.http.problems import BadRequest
from cms.publishing.reading import visible

from ..schemas.sync import SyncPageSchema

router = Router(tags=["sync"])

CURSOR_SALT = "newsroom.delivery.sync"
PAGE_TYPES = {"blog.articlepage": "article", "blog.authorpage": "author"}
PAGE_CHANGES = [
    ContentEvent.Type.PUBLISHED,
    ContentEvent.Type.UNPUBLISHED,
    ContentEvent.Type.DELETED,
    ContentEvent.Type.MOVED,
]


def settle_window():
    return timedelta(seconds=getattr(settings, "SYNC_SETTLE_SECONDS", 10))


def safe_position():
    """The newest log position no uncommitted transaction can still fall below."""
    settled = ContentEvent.objects.filter(
        occurred_at__lte=timezone.now() - settle_window()
    ).aggregate(position=Max("id"))
    return settled["position"] or 0


def make_cursor(phase, position, after=0):
    return signing.dumps(
        {"v": 1, "phase": phase, "pos": position, "after": after}, salt=CURSOR_SALT
    )


def read_cursor(cursor):
    invalid = BadRequest(
        "The cursor is not one this feed issued.",
        [{"name": "cursor", "reason": "malformed, tampered with or outdated"}],
    )
    try:
        data = signing.loads(cursor, salt=CURSOR_SALT)
    except signing.BadSignature:
        raise invalid from None
    if (
        not isinstance(data, dict)
        or data.get("v") != 1
        or data.get("phase") not in {"snapshot", "changes"}
        or not isinstance(data.get("pos"), int)
        or not isinstance(data.get("after"), int)
    ):
        raise invalid
    return data


def _visible_documents(page_ids=None):
    """Stored live documents of articles and authors, as the API serves them now."""
    queryset = visible("article") | visible("author")
    if page_ids is not None:
        queryset = queryset.filter(pk__in=page_ids)
    return queryset


def _upsert(document):
    return {
        "op": "upsert",
        "id": document.page_id,
        "type": document.page_type,
        "document": json.loads(document.detail),
    }


def snapshot(position, after, limit):
    documents = list(
        _visible_documents()
        .filter(pk__gt=after)
        .order_by("pk")
        .only("page_id", "page_type", "detail")[: limit + 1]
    )
    has_more = len(documents) > limit
    documents = documents[:limit]
    items = [_upsert(document) for document in documents]
    if has_more:
        cursor = make_cursor("snapshot", position, documents[-1].pk)
    else:
        cursor = make_cursor("changes", position)
    # Always more: after the last snapshot page come the changes made meanwhile.
    return {"phase": "snapshot", "items": items, "cursor": cursor, "has_more": True}


def _dependants(event):
    """Pages whose live document shows the event's page: bylines and links to it."""
    page_ids = set()
    if event.page_type == "blog.authorpage":
        page_ids |= set(
            ArticleAuthor.objects.filter(author_id=event.page_id).values_list(
                "page_id", flat=True
            )
        )
    sources = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Page),
        to_object_id=str(event.page_id),
    ).values_list("object_id", flat=True)
    page_ids |= {int(pk) for pk in sources if str(pk).isdigit()}
    page_ids.discard(event.page_id)
    return page_ids


def changes(position, limit):
    horizon = safe_position()
    events = list(
        ContentEvent.objects.filter(
            pk__gt=position,
            pk__lte=horizon,
            type__in=PAGE_CHANGES,
            page_type__in=PAGE_TYPES,
        ).order_by("pk")[: limit + 1]
    )
    has_more = len(events) > limit
    events = events[:limit]
    # The latest event for each page decides its place in this batch; what
    # is sent is the page's state now, which a later event can only confirm.
    subjects = {}
    dependants = {}
    for event in events:
        subjects.pop(event.page_id, None)
        subjects[event.page_id] = event
        for page_id in _dependants(event):
            dependants.pop(page_id, None)
            dependants[page_id] = event
    documents = _visible_documents(set(subjects) | set(dependants)).in_bulk()
    existing = set(Page.objects.filter(pk__in=subjects).values_list("pk", flat=True))
    ordered = sorted(
        [(event.pk, page_id, True) for page_id, event in subjects.items()]
        + [
            (event.pk, page_id, False)
            for page_id, event in dependants.items()
            if page_id not in subjects
        ]
    )
    items = []
    for _position, page_id, is_subject in ordered:
        document = documents.get(page_id)
        if document is not None:
            items.append(_upsert(document))
        elif is_subject:
            event = subjects[page_id]
            items.append(
                {
                    "op": "tombstone",
                    "id": page_id,
                    "type": PAGE_TYPES[event.page_type],
                    "reason": "unpublished" if page_id in existing else "deleted",
                    "at": event.occurred_at.isoformat(),
                }
            )
    next_position = events[-1].pk if has_more else max(position, horizon)
    return {
        "phase": "changes",
        "items": items,
        "cursor": make_cursor("changes", next_position),
        "has_more": has_more,
    }


@router.get(
    "/",
    response=SyncPageSchema,
    url_name="sync",
    summary="Mirror live content incrementally",
    description=(
        "Without a cursor: every live article and author, a page at a time. "
        "With the cursor from the previous answer: only what changed since, as "
        "upserts (the live detail document) and tombstones (deleted or "
        "unpublished). Keep calling while has_more is true; store the last "
        "cursor and call again later for the next changes."
    ),
    operation_id="sync_feed",
)
def sync_feed(
    request: HttpRequest,
    cursor: str | None = None,
    limit: int = Query(100, ge=1, le=500),
):
    if not cursor:
        return snapshot(safe_position(), 0, limit)
    data = read_cursor(cursor)
    if data["phase"] == "snapshot":
        return snapshot(data["pos"], data["after"], limit)
    return changes(data["pos"], limit)
