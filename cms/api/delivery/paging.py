"""
Paging Delivery API lists: orders, keyset cursors, field selection, and
assembling a list response from stored JSON without parsing it.
"""

import json
from datetime import datetime

from django.core import signing
from django.db.models import Q

from cms.http.problems import BadRequest
from cms.publishing.documents import dumps
from cms.publishing.representations import ARTICLE_SUMMARY_FIELDS

MAX_LIMIT = 100
# Numbered pages reach this far; deeper walks use the cursor, whose cost does
# not grow with the archive. Skipping rows costs in proportion to the offset,
# so the cap keeps the deepest numbered page as cheap at 1,000,000 articles
# as at 10,000.
MAX_OFFSET = 10_000
ORDERS = {
    "-date": ("-sort_date", "-page_id"),
    "date": ("sort_date", "page_id"),
    "title": ("title", "page_id"),
    "-title": ("-title", "-page_id"),
}
# The names ``?fields=`` accepts: an article's summary fields, as declared.
SUMMARY_FIELDS = ARTICLE_SUMMARY_FIELDS
CURSOR_SALT = "delivery.cursor"


def parse_fields(fields):
    if not fields:
        return None
    wanted = [name.strip() for name in fields.split(",") if name.strip()]
    unknown = [name for name in wanted if name not in SUMMARY_FIELDS]
    if unknown:
        raise BadRequest(
            "Unknown fields: " + ", ".join(unknown) + ".",
            [
                {"name": "fields", "reason": f"allowed: {', '.join(SUMMARY_FIELDS)}"},
            ],
        )
    return ["id", *[name for name in wanted if name != "id"]]


def select_fields(summaries, fields):
    """Stored summaries as they are, or cut down to ``fields``."""
    if fields is None:
        return summaries
    cut = []
    for summary in summaries:
        document = json.loads(summary)
        cut.append(dumps({name: document[name] for name in fields}))
    return cut


def cursor_key(order, sort_date, title, page_id):
    if order in ("-date", "date"):
        return [sort_date.isoformat(), page_id]
    return [title, page_id]


def make_cursor(order, key):
    return signing.dumps({"o": order, "k": key}, salt=CURSOR_SALT, compress=True)


def read_cursor(cursor, order):
    try:
        data = signing.loads(cursor, salt=CURSOR_SALT)
        if data["o"] != order:
            raise ValueError("cursor made for another order")
        first, page_id = data["k"]
        if order in ("-date", "date"):
            first = datetime.fromisoformat(first)
        return first, int(page_id)
    except (signing.BadSignature, KeyError, TypeError, ValueError) as error:
        raise BadRequest(
            "The cursor is not valid for this request.",
            [
                {
                    "name": "cursor",
                    "reason": "invalid, tampered with or for another order",
                }
            ],
        ) from error


def after_cursor(queryset, order, key):
    """Keyset pagination: rows strictly after ``key`` in ``order``."""
    value, page_id = key
    column = "sort_date" if order in ("-date", "date") else "title"
    # The plain bound on ``column`` lets the database start the index walk at
    # the cursor; the OR alone made it read every row before it.
    if order.startswith("-"):
        return queryset.filter(**{f"{column}__lte": value}).filter(
            Q(**{f"{column}__lt": value}) | Q(page_id__lt=page_id)
        )
    return queryset.filter(**{f"{column}__gte": value}).filter(
        Q(**{f"{column}__gt": value}) | Q(page_id__gt=page_id)
    )


def envelope(fields, results):
    """``{..fields, "results": [...]}`` with ``results`` spliced in as stored JSON."""
    head = dumps(fields)[:-1]
    separator = "," if fields else ""
    return head + separator + '"results":[' + ",".join(results) + "]}"
