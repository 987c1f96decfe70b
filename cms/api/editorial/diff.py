"""
A field-level diff between two revisions of a page.

Compares the revisions' stored content key by key, after dropping the tree
and publishing bookkeeping Wagtail keeps there, so what a client sees is
what an editor changed: headline, standfirst, body, byline, topics.
"""

import json

BOOKKEEPING = {
    "pk",
    "id",
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "draft_title",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "locale",
    "translation_key",
    "alias_of",
    "word_count",
    "expired",
    "comments",
    "wagtail_admin_comments",
    "page_ptr",
}
CHILD_BOOKKEEPING = {"pk", "id", "page", "sort_order", "content_object"}


def _normalise(value):
    """StreamFields are stored as JSON strings; child rows carry their own ids."""
    if isinstance(value, str) and value[:1] == "[":
        try:
            value = json.loads(value)
        except ValueError:
            return value
    if isinstance(value, list):
        return [_normalise_item(item) for item in value]
    return value


def _normalise_item(item):
    if isinstance(item, dict) and "type" not in item:
        return {k: v for k, v in item.items() if k not in CHILD_BOOKKEEPING}
    return item


def diff_revisions(before, after):
    """``[{"field", "before", "after"}]`` for every content field that differs."""
    old, new = before.content, after.content
    changes = []
    for field in sorted((set(old) | set(new)) - BOOKKEEPING):
        a, b = _normalise(old.get(field)), _normalise(new.get(field))
        if a != b:
            changes.append({"field": field, "before": a, "after": b})
    return changes
