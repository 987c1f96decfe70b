"""
The total of a Delivery API list, without counting the archive per request.

Counting the visible articles reads every matching index entry: at 100,000
articles the count of an unfiltered list cost more than fetching its 20
rows. The answer only changes when published content changes or a document
expires, so it is kept in the shared cache under the list's filters,
stamped with the content generation it was counted in (bumped after every
publish, unpublish, move and delete) and with the next moment a counted
document expires. While both hold the stored count is exact; after either
the next request counts again, once.
"""

import hashlib

from django.core.cache import cache
from django.db.models import Min
from django.utils import timezone

from cms.httpcache.caching import GENERATION_KEY, generation

from .reading import visible

COUNT_TIMEOUT = 60 * 60 * 24


def _key(page_type, locale, filters):
    raw = f"{page_type}:{locale}:{filters!r}"
    return "delivery:count:" + hashlib.sha256(raw.encode()).hexdigest()


def visible_count(page_type, locale, filters, queryset):
    """
    The number of rows of ``queryset`` (the visible documents of
    ``page_type`` in edition ``locale``, narrowed by ``filters``), from the
    cache when it still holds for the current generation. Everything that
    narrows the queryset must be part of the key, or one list's total would
    be served for another's.
    """
    key = _key(page_type, locale, filters)
    found = cache.get_many([GENERATION_KEY, key])
    current, kept = found.get(GENERATION_KEY), found.get(key)
    if current is not None and kept is not None:
        counted_in, count, valid_until = kept
        if counted_in == current and (
            valid_until is None or timezone.now() < valid_until
        ):
            return count
    # Read before counting: a count must never claim a newer generation than
    # the rows it counted.
    current = current or generation()
    count = queryset.count()
    valid_until = visible(page_type).aggregate(next=Min("expire_at"))["next"]
    cache.set(key, (current, count, valid_until), COUNT_TIMEOUT)
    return count
