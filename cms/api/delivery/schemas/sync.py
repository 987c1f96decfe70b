from typing import Any, Literal

from ninja import Schema


class SyncItemSchema(Schema):
    """
    One change for a mirror: an ``upsert`` carrying the page's live detail
    document, or a ``tombstone`` saying it was ``deleted`` or ``unpublished``.
    """

    op: Literal["upsert", "tombstone"]
    id: int
    type: Literal["article", "author"]
    document: dict[str, Any] | None = None
    reason: Literal["deleted", "unpublished"] | None = None
    at: str | None = None


class SyncPageSchema(Schema):
    """A page of the sync feed and the cursor to ask for the next one with."""

    phase: Literal["snapshot", "changes"]
    items: list[SyncItemSchema]
    cursor: str
    has_more: bool
