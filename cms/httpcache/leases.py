"""
Generation leases: answer cached Delivery API reads without asking Redis
each time, and still never from before a change whose request has returned.

A cached answer may be served only while it carries the current content
generation (``caching``). With Redis, reading the generation is a network
round trip per request, which costs about as much as the rest of a cached
answer. Instead, a worker that has read the generation may go on using it
for ``API_GENERATION_LEASE`` seconds, counted from *before* it asked; and
whoever bumps the generation holds back every announcement of the change
(the response of the request that made it, its webhooks, its CDN purge; the
return of the call that made it, outside a request) until the same interval
has passed since Redis acknowledged the bump. This
is Spanner's *commit wait*, with the lease in place of the clock's
uncertainty:

- a lease taken before the bump was asked for before Redis applied it, so
  it runs out before ``acknowledged + lease``;
- nothing can learn of the change before ``acknowledged + lease``;
- so a request sent by anyone who has learnt of it finds every lease taken
  before the change run out, on every worker, and reads the new generation.

Only intervals on each process's monotonic clock are compared: hosts need
not agree on the time, only on how long a tenth of a second is. A lease of
0 reads the generation on every request.

The edge (``edge``) renews the lease when it has run out, in the round trip
that also settles its rate-limit counts (``cms.security.tallies``).
"""

import threading
import time

from django.conf import settings

from cms.sharedcache import shared_redis


def lease_seconds():
    """
    How long a lease lasts. Without Redis each process has its own cache and
    asks it for nothing over the network: no leases, and nothing to wait for.
    """
    if shared_redis() is None:
        return 0.0
    return float(getattr(settings, "API_GENERATION_LEASE", 0) or 0)


class GenerationLease:
    """This process's copy of the shared generation, and until when it holds."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._generation = None
        self._asked_at = float("-inf")

    def now(self):
        """The time to pass to ``renew``: taken before the shared cache is asked."""
        return self._clock()

    def current(self):
        """The leased generation, or None when it must be read again."""
        seconds = lease_seconds()
        with self._lock:
            if self._generation is None or seconds <= 0:
                return None
            if self._clock() >= self._asked_at + seconds:
                return None
            return self._generation

    def renew(self, generation, asked_at):
        """
        Keep ``generation``, read from the shared cache by a request sent at
        ``asked_at``. Of two renewals racing in threads, the one asked later wins.
        """
        with self._lock:
            if asked_at >= self._asked_at:
                self._generation = generation
                self._asked_at = asked_at

    def forget(self):
        """Read the generation again on the next request (e.g. after a failed bump)."""
        with self._lock:
            self._generation = None
            self._asked_at = float("-inf")


lease = GenerationLease()


class _Announcements(threading.local):
    # When this thread may next tell anyone that content changed.
    not_before = float("-inf")
    # Inside a request, the wait is left to its end (``CommitWaitMiddleware``).
    deferred = False


_announcements = _Announcements()


def hold_announcements(acknowledged_at):
    """
    After a bump acknowledged at ``acknowledged_at``: hold announcements for a
    lease. Inside a request the response waits, once, however many changes it
    made; anywhere else (a task, a command, a script) the change itself
    returns only then, for its caller may go on to tell anyone.
    """
    seconds = lease_seconds()
    if seconds <= 0:
        return
    _announcements.not_before = max(
        _announcements.not_before, acknowledged_at + seconds
    )
    if not _announcements.deferred:
        wait_until_visible()


def wait_until_visible():
    """
    Block until every worker serves the changes this thread has made: call it
    before telling anyone (a response, a webhook, a CDN purge) that they happened.
    """
    remaining = _announcements.not_before - time.monotonic()
    if remaining > 0:
        time.sleep(remaining)
    _announcements.not_before = float("-inf")


class CommitWaitMiddleware:
    """
    Hold the response of a request that changed published content until the
    change is visible on every worker (see the module docstring). Several
    changes in one request cost a single wait; other requests none at all.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        _announcements.deferred = True
        try:
            response = self.get_response(request)
        finally:
            _announcements.deferred = False
        wait_until_visible()
        return response
