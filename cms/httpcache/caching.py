"""
HTTP caching for the Delivery API: validators, headers and a server-side cache.

Each cached response is stamped with the global *content generation* read
before it was built, a counter bumped after every committed content change
(see ``cms.publishing.signal_handlers``). An entry is served only while its stamp equals the
current generation, so a change retires every cached response at once:
nothing has to know which lists an article appeared in, and a request made
after a publish returns can never be answered from before it.

An entry lives under a key made from the request alone, so the current
generation and the entry are read together in one round trip (``entries``,
and ``edge`` for the shortcut that answers hits before the view), and a
rebuilt response replaces the retired one instead of piling up beside it.
"""

import datetime
import functools
import hashlib
import inspect
import threading
from collections import OrderedDict
from dataclasses import dataclass
from email.utils import format_datetime, parsedate_to_datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone

from cms.db.freshness import record_primary_position
from cms.http.problems import BadRequest
from cms.http.state import request_state
from cms.observability.metrics import record_cache_lookup

from .leases import hold_announcements, lease

GENERATION_KEY = "delivery:generation"
CHANGED_AT_KEY = "delivery:changed-at"
JSON = "application/json"


def _fresh_generation():
    # After an eviction or a cache flush the counter restarts from the clock
    # in microseconds: larger than any value handed out before, so responses
    # cached under an old generation can never be served again.
    return int(timezone.now().timestamp() * 1_000_000)


def generation():
    """The current content generation."""
    value = cache.get(GENERATION_KEY)
    if value is None:
        cache.add(GENERATION_KEY, _fresh_generation(), timeout=None)
        value = cache.get(GENERATION_KEY) or _fresh_generation()
    return value


def last_change():
    """
    When published content last changed anywhere: the Last-Modified of
    responses that combine several documents (lists, an author's articles).
    """
    value = cache.get(CHANGED_AT_KEY)
    if value is None:
        value = timezone.now()
        cache.add(CHANGED_AT_KEY, value, timeout=None)
    return value


def bump_generation():
    """Retire every cached response: called after each committed content change."""
    # First, so that a reader who sees the new generation also sees a WAL
    # position that makes a lagging replica wait (cms.db.freshness).
    record_primary_position()
    cache.set(CHANGED_AT_KEY, timezone.now(), timeout=None)
    asked_at = lease.now()
    try:
        value = cache.incr(GENERATION_KEY)
    except ValueError:
        value = _fresh_generation()
        cache.set(GENERATION_KEY, value, timeout=None)
    acknowledged_at = lease.now()
    # This process may use the new generation at once; the others keep
    # theirs until their leases run out, so the change is announced after.
    if value is None:  # the cache is unreachable
        lease.forget()
    else:
        lease.renew(value, asked_at)
    hold_announcements(acknowledged_at)
    return value


def strong_etag(body):
    return '"' + hashlib.sha256(body).hexdigest()[:32] + '"'


def _http_date(value):
    return format_datetime(value.astimezone(datetime.UTC), usegmt=True)


def _cache_control():
    return (
        f"public, max-age={settings.API_CACHE_MAX_AGE}, "
        f"stale-while-revalidate={settings.API_CACHE_SWR}"
    )


def not_modified(request, etag, last_modified):
    """Whether the client's copy is current (RFC 9110: If-None-Match wins)."""
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = request.META.get("HTTP_IF_MODIFIED_SINCE")
    if if_modified_since and last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return last_modified.replace(microsecond=0) <= since
    return False


def build_response(request, body, last_modified, content_type=JSON, *, etag=None):
    """A 200 (or 304) carrying ``body`` with ETag, Last-Modified and Cache-Control."""
    etag = etag or strong_etag(body)
    if not_modified(request, etag, last_modified):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = _http_date(last_modified)
    response["Cache-Control"] = _cache_control()
    # A fresh response: nothing has set Vary yet (CORS adds to it later).
    response["Vary"] = "Origin"
    return response


class Payload:
    """What an endpoint produced: JSON bytes and when their content last changed."""

    def __init__(self, body, last_modified=None, status=200):
        self.body = body if isinstance(body, bytes) else body.encode()
        self.last_modified = last_modified
        self.status = status


@dataclass(frozen=True)
class Entry:
    """A cached response, stamped with the generation it was built under."""

    generation: int
    body: bytes
    etag: str
    last_modified: datetime.datetime | None
    route: str

    def response(self, request):
        return build_response(request, self.body, self.last_modified, etag=self.etag)


class LocalEntries:
    """
    The bodies of recent entries kept in this process, at most ``max_bytes``.

    A hit would otherwise move the whole body (115 KB for a page of twenty
    articles) out of Redis, or out of the local-memory cache's pickles, and
    unpickle it on every request. An entry kept here is served only while
    the cache (or this worker's lease on it) says its generation is still
    the current one, so it is exactly as fresh as the cached entry; the
    edge's round trip then carries a few bytes.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self._entries = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            entry = self._entries.get(key)
            if entry is not None:
                self._entries.move_to_end(key)
            return entry

    def put(self, key, entry):
        size = len(entry.body)
        if size > self.max_bytes:
            return
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= len(old.body)
            self._entries[key] = entry
            self._bytes += size
            while self._bytes > self.max_bytes:
                _, evicted = self._entries.popitem(last=False)
                self._bytes -= len(evicted.body)

    def clear(self):
        with self._lock:
            self._entries.clear()
            self._bytes = 0


local_entries = LocalEntries(settings.API_LOCAL_CACHE_BYTES)


def cache_key(request):
    """
    Where the response to this request is cached: its path and query string,
    as sent (as a CDN keys it), so a hit needs no parsing.
    """
    raw = request.path + "?" + request.META.get("QUERY_STRING", "")
    return "delivery:response:" + hashlib.sha256(raw.encode()).hexdigest()


@dataclass(frozen=True)
class Lookup:
    """What the cache held for a request: the current generation and the entry."""

    key: str
    generation: int | None
    entry: Entry | None

    @property
    def hit(self):
        return (
            self.entry is not None
            and self.generation is not None
            and self.entry.generation == self.generation
        )


def look_up(request):
    """
    Read the generation and this request's entry in one call; only the
    generation when this process keeps a copy of the entry (the local-memory
    cache would otherwise unpickle the whole body for every hit).
    """
    key = cache_key(request)
    kept = local_entries.get(key)
    if kept is not None:
        current = cache.get(GENERATION_KEY)
        if current is not None and kept.generation == current:
            return Lookup(key, current, kept)
    found = cache.get_many([GENERATION_KEY, key])
    entry = found.get(key)
    return Lookup(
        key, found.get(GENERATION_KEY), entry if isinstance(entry, Entry) else None
    )


def _route(request):
    match = getattr(request, "resolver_match", None)
    return (match.view_name if match is not None else "") or "delivery"


def cached_endpoint(view):
    """
    Serve a Delivery API endpoint from the cache when it can, and otherwise
    run it and cache its ``Payload``. Errors are never cached.

    Query parameters the view does not declare are refused, so a typo such
    as ``?auther=`` is a 400 rather than a silently unfiltered list.
    """
    allowed = sorted(
        name for name in inspect.signature(view).parameters if name != "request"
    )

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        unknown = sorted(set(request.GET) - set(allowed))
        if unknown:
            raise BadRequest(
                "Unknown query parameters: " + ", ".join(unknown) + ".",
                [
                    {
                        "name": name,
                        "reason": "allowed: " + (", ".join(allowed) or "none"),
                    }
                    for name in unknown
                ],
            )
        if not settings.API_RESPONSE_CACHE:
            # Every request runs the endpoint: for measuring the uncached read
            # path, and for a deployment that caches only in its CDN.
            payload = view(request, *args, **kwargs)
            if not isinstance(payload, Payload):
                return payload
            return build_response(request, payload.body, payload.last_modified)
        # The edge middleware has usually looked already, and missed.
        lookup = request_state(request).cache_lookup or look_up(request)
        record_cache_lookup(lookup.hit)
        if lookup.hit:
            return lookup.entry.response(request)
        # Read before the view runs: an entry must never claim a generation
        # newer than the content it was built from.
        current = lookup.generation or generation()
        payload = view(request, *args, **kwargs)
        if not isinstance(payload, Payload):
            return payload
        entry = Entry(
            current,
            payload.body,
            strong_etag(payload.body),
            payload.last_modified,
            _route(request),
        )
        cache.set(lookup.key, entry, settings.API_CACHE_TIMEOUT)
        local_entries.put(lookup.key, entry)
        return entry.response(request)

    return wrapper
