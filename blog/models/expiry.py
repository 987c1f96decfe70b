"""
Expiry decided when a page is read, not when the scheduler next runs.

Wagtail takes an expired page offline with ``publish_scheduled``, which the
worker runs every minute; until then the page is still ``live``. Listings,
feeds, sitemaps and the page itself check ``expire_at`` against the clock,
as the Delivery API and search already do, so an expired story disappears
the moment it expires even when the worker is late or stopped.
"""

from django.db.models import Q
from django.http import Http404
from django.utils import timezone


def unexpired(now=None):
    """The condition a page must meet to be read at ``now``: no expiry, or a later one."""
    now = now or timezone.now()
    return Q(expire_at__isnull=True) | Q(expire_at__gt=now)


def has_expired(page, now=None):
    return page.expire_at is not None and page.expire_at <= (now or timezone.now())


class ExpiresWhenRead:
    """Mixed into page types: an expired page answers 404 on the site at once."""

    def route(self, request, path_components):
        if not path_components and has_expired(self):
            raise Http404
        return super().route(request, path_components)
