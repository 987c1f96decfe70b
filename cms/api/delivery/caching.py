"""
HTTP caching for the Delivery API: validators, headers and a server-side cache.

Responses are cached under a key that includes a global *content
generation*, a counter bumped after every committed content change (see
``handlers``). A change therefore retires every cached response at once:
nothing has to know which lists an article appeared in, and a request made
after a publish returns can never be answered from before it.
"""

import datetime
import functools
import hashlib
import inspect
from email.utils import format_datetime, parsedate_to_datetime

from django.conf import settings
from django.core.cache import cache
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import patch_vary_headers

from cms.db.freshness import record_primary_position
from cms.observability.metrics import record_cache_lookup

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
    try:
        return cache.incr(GENERATION_KEY)
    except ValueError:
        value = _fresh_generation()
        cache.set(GENERATION_KEY, value, timeout=None)
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
    if_none_match = request.headers.get("If-None-Match")
    if if_none_match is not None:
        tags = {tag.strip().removeprefix("W/") for tag in if_none_match.split(",")}
        return "*" in tags or etag in tags
    if_modified_since = request.headers.get("If-Modified-Since")
    if if_modified_since and last_modified is not None:
        try:
            since = parsedate_to_datetime(if_modified_since)
        except (TypeError, ValueError):
            return False
        if since.tzinfo is None:
            return False
        return last_modified.replace(microsecond=0) <= since
    return False


def build_response(request, body, last_modified, content_type=JSON):
    """A 200 (or 304) carrying ``body`` with ETag, Last-Modified and Cache-Control."""
    etag = strong_etag(body)
    if not_modified(request, etag, last_modified):
        response = HttpResponse(status=304)
    else:
        response = HttpResponse(body, content_type=content_type)
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = _http_date(last_modified)
    response["Cache-Control"] = _cache_control()
    patch_vary_headers(response, ["Origin"])
    return response


class Payload:
    """What an endpoint produced: JSON bytes and when their content last changed."""

    def __init__(self, body, last_modified=None, status=200):
        self.body = body if isinstance(body, bytes) else body.encode()
        self.last_modified = last_modified
        self.status = status


def _cache_key(request):
    params = sorted(request.GET.lists())
    raw = f"{request.path}?{params!r}"
    digest = hashlib.sha256(raw.encode()).hexdigest()
    return f"delivery:response:{generation()}:{digest}"


def cached_endpoint(view):
    """
    Serve a Delivery API endpoint from the cache when it can, and otherwise
    run it and cache its ``Payload``. Errors are never cached.

    Query parameters the view does not declare are refused, so a typo such
    as ``?auther=`` is a 400 rather than a silently unfiltered list.
    """
    from .errors import BadRequest

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
        key = _cache_key(request)
        hit = cache.get(key)
        record_cache_lookup(hit is not None)
        if hit is not None:
            body, last_modified = hit
            return build_response(request, body, last_modified)
        payload = view(request, *args, **kwargs)
        if not isinstance(payload, Payload):
            return payload
        cache.set(
            key, (payload.body, payload.last_modified), settings.API_CACHE_TIMEOUT
        )
        return build_response(request, payload.body, payload.last_modified)

    return wrapper
