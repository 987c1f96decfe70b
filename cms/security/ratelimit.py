"""
A fixed-window rate limiter on Django's cache.

Counting goes through the cache's atomic ``add`` and ``incr``, so with Redis
every worker shares one counter per client; with the local-memory cache the
limit holds per process. A cache that is down (Redis with
``IGNORE_EXCEPTIONS``) answers ``None``: the limiter then lets requests
through rather than turn a cache outage into an API outage.
"""

import hashlib
import math
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache

PERIODS = {
    "s": 1,
    "sec": 1,
    "second": 1,
    "m": 60,
    "min": 60,
    "minute": 60,
    "h": 3600,
    "hour": 3600,
    "d": 86400,
    "day": 86400,
}


@dataclass(frozen=True)
class Rate:
    """At most ``limit`` events per ``window`` seconds."""

    limit: int
    window: int

    @classmethod
    def parse(cls, text):
        """
        Read "600/min", "5/10min" or "100/h". A window may carry a multiplier
        ("10min") so that slow-moving limits such as failed logins can span
        longer than one unit.
        """
        count, _, period = str(text).strip().partition("/")
        digits = "".join(ch for ch in period if ch.isdigit())
        unit = period[len(digits) :].strip().lower()
        if not count.strip().isdigit() or unit not in PERIODS:
            raise ValueError(f"Not a rate: {text!r} (expected e.g. '600/min')")
        multiplier = int(digits) if digits else 1
        return cls(limit=int(count), window=multiplier * PERIODS[unit])

    def __str__(self):
        return f"{self.limit}/{self.window}s"


@dataclass(frozen=True)
class Verdict:
    """What the limiter decided for one request."""

    allowed: bool
    count: int
    limit: int
    retry_after: int


@dataclass(frozen=True)
class Window:
    """The counter of one identity in the current fixed window of a rate."""

    key: str
    rate: Rate
    retry_after: int

    @property
    def timeout(self):
        # Expire a little after the window closes; the key name already
        # changes with the window, so a late expiry never carries counts over.
        return self.rate.window + 2

    def verdict(self, count, *, counted=True):
        """The decision for ``count`` (after counting, or before with ``counted=False``)."""
        if count is None:  # the cache is unreachable: fail open
            return Verdict(True, 0, self.rate.limit, self.retry_after)
        within = count <= self.rate.limit if counted else count < self.rate.limit
        return Verdict(within, count, self.rate.limit, self.retry_after)

    def hit(self):
        """Count one event and decide."""
        try:
            # The counter usually exists already: one command.
            count = cache.incr(self.key)
        except ValueError:
            if cache.add(self.key, 1, timeout=self.timeout):
                count = 1
            else:
                # Another request created it in between.
                count = cache.incr(self.key)
        return self.verdict(count)

    def peek(self):
        """Decide without counting."""
        return self.verdict(cache.get(self.key) or 0, counted=False)


def window(scope, identity, rate, *, now=None):
    """The counter ``identity`` uses under ``rate`` now."""
    now = time.time() if now is None else now
    start = int(now // rate.window) * rate.window
    retry_after = max(1, math.ceil(start + rate.window - now))
    return Window(f"ratelimit:{scope}:{identity}:{start}", rate, retry_after)


def hit(scope, identity, rate, *, now=None):
    """Count one event for ``identity`` and say whether it is within ``rate``."""
    return window(scope, identity, rate, now=now).hit()


def peek(scope, identity, rate, *, now=None):
    """Whether ``identity`` has already used up ``rate``, without counting."""
    return window(scope, identity, rate, now=now).peek()


def client_ip(request):
    """
    The caller's address: REMOTE_ADDR, or, behind ``TRUSTED_PROXY_COUNT``
    proxies, the address the outermost trusted proxy saw.

    X-Forwarded-For is written by the client first and by each proxy after,
    so only the last ``TRUSTED_PROXY_COUNT`` entries can be believed; anything
    to their left may be forged.
    """
    trusted = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0) or 0)
    remote = request.META.get("REMOTE_ADDR", "") or "unknown"
    if trusted <= 0:
        return remote
    forwarded = [
        part.strip()
        for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if part.strip()
    ]
    if len(forwarded) < trusted:
        return forwarded[0] if forwarded else remote
    return forwarded[-trusted]


def fingerprint(value):
    """A short stable digest, so secrets and user input never become cache keys."""
    return hashlib.sha256(value.encode("utf-8", "surrogatepass")).hexdigest()[:32]
