"""
The edge of the Delivery API: answer a repeated read from the shared cache
before the rest of the stack runs.

A cached answer should cost what serving a file costs. Through the full
stack it cost five Redis commands (the throttle's two counters, the
generation, the entry) plus sessions, authentication, URL resolving and
the endpoint's parameter parsing. Here an anonymous GET or HEAD of a cached
resource is counted against the API rate limit and answered from this
worker's copy of the entry, with no round trip at all while the worker's
lease on the generation holds (``leases``) and its tally of the caller may
decide (``cms.security.tallies``). Otherwise the request is counted, the
worker's pending counts are settled, and the entry and the current
generation are read, in *one* round trip (a Lua script); a current entry is
answered at once. Anything else (a miss, a stale entry, a token caller, a
write) goes on down the stack with the lookup attached, so the endpoint
neither looks again nor counts the request twice.

The middleware sits after CORS and the security headers, whose headers
every answer needs, and before ``ThrottleMiddleware``, whose decision it
takes over for the requests it counts. Behind a Redis Cluster the script's
keys would live in different slots: the shared cache is one Redis (or a
primary with replicas) here.
"""

import logging

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from cms.http.paths import delivery_path
from cms.http.state import request_state
from cms.observability.metrics import record_cache_lookup
from cms.security import ratelimit
from cms.security.tallies import tallies
from cms.security.throttling import api_identity, rate, setting, too_many
from cms.sharedcache import shared_redis

from .caching import (
    GENERATION_KEY,
    Entry,
    Lookup,
    cache_key,
    local_entries,
    look_up,
)
from .leases import lease, lease_seconds

logger = logging.getLogger(__name__)

CACHED_PREFIXES = tuple(
    delivery_path(resource)
    for resource in ("articles/", "authors/", "topics/", "search/", "find/")
)

# KEYS: failures counter, rate counter, generation, entry, then the counters
# of this worker's pending tally counts. ARGV: failure limit, the rate
# counter's timeout, the generation of this process's own copy of the entry,
# whether to look the entry up ("1"), then a count and a timeout for each
# pending counter. The pending counts are added first, so this request's
# count includes them. A caller already blocked for guessing credentials is
# not counted again, as in the throttle; the entry is sent only when the
# process's copy is not current.
COUNT_AND_LOOK_UP = """
local totals = {}
for i = 5, #KEYS do
    local added = tonumber(ARGV[3 + 2 * (i - 4)])
    local total = redis.call('INCRBY', KEYS[i], added)
    if total == added then
        redis.call('EXPIRE', KEYS[i], ARGV[4 + 2 * (i - 4)])
    end
    totals[#totals + 1] = total
end
local failures = tonumber(redis.call('GET', KEYS[1]) or '0')
if failures >= tonumber(ARGV[1]) then return {failures, false, false, false, totals} end
local count = redis.call('INCR', KEYS[2])
if count == 1 then redis.call('EXPIRE', KEYS[2], ARGV[2]) end
if ARGV[4] ~= '1' then return {failures, count, false, false, totals} end
local generation = redis.call('GET', KEYS[3])
if generation and generation == ARGV[3] then
    return {failures, count, generation, false, totals}
end
return {failures, count, generation, redis.call('GET', KEYS[4]), totals}
"""


def _cacheable(request):
    return (
        request.method in ("GET", "HEAD")
        and request.path.startswith(CACHED_PREFIXES)
        and "HTTP_AUTHORIZATION" not in request.META
    )


class DeliveryEdgeMiddleware:
    """Count, look up and answer cached Delivery API reads in one round trip."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not _cacheable(request):
            return self.get_response(request)
        blocked = self._count_and_look_up(request)
        if blocked is not None:
            return blocked
        state = request_state(request)
        lookup = state.cache_lookup
        if lookup is not None and lookup.hit:
            record_cache_lookup(True)
            state.route = lookup.entry.route
            response = lookup.entry.response(request)
            if request.method == "HEAD":
                response.content = b""
            return response
        return self.get_response(request)

    def _count_and_look_up(self, request):
        """Count the request and attach the lookup; a 429 if it may not proceed."""
        failures_counter = ratelimit.window(
            "api-auth-failure",
            ratelimit.client_ip(request),
            rate("API_AUTH_FAILURE_LIMIT"),
        )
        # Cacheable requests carry no Authorization header: counted by address.
        scope, identity, limit, _bad = api_identity(request)
        counter = ratelimit.window(scope, identity, limit)
        look = settings.API_RESPONSE_CACHE
        redis = shared_redis()
        if redis is None:
            failures = failures_counter.peek()
            verdict = counter.hit() if failures.allowed else None
            if look and verdict is not None and verdict.allowed:
                request_state(request).cache_lookup = look_up(request)
        else:
            entry_key = cache_key(request) if look else None
            kept = local_entries.get(entry_key) if look else None
            decided = self._locally(
                request, failures_counter, counter, entry_key, kept, look
            )
            if decided is None:
                decided = self._in_one_trip(
                    request, redis, failures_counter, counter, entry_key, kept, look
                )
            failures, verdict = decided
        if not failures.allowed:
            return too_many(failures, _("Too many requests with invalid credentials."))
        # The throttle must not count this request a second time.
        request_state(request).rate_checked = True
        if not verdict.allowed:
            return too_many(
                verdict,
                _("Rate limit exceeded: %(rate)s.")
                % {"rate": setting("API_RATE_LIMIT")},
            )
        return None

    def _locally(self, request, failures_counter, counter, entry_key, kept, look):
        """
        Decide without a round trip: while this worker's lease on the
        generation holds, its copy of the entry is current and its tally of
        the caller may decide (``leases``, ``cms.security.tallies``).
        """
        if look:
            leased = lease.current()
            if leased is None or kept is None or kept.generation != leased:
                return None
        decided = tallies.admit(counter, failures_counter)
        if decided is None:
            return None
        if look:
            request_state(request).cache_lookup = Lookup(entry_key, leased, kept)
        return decided

    def _in_one_trip(
        self, request, redis, failures_counter, counter, entry_key, kept, look
    ):
        """Count, settle this worker's pending counts and look up, in one script."""
        flush = tallies.take()
        generation_key = redis.key(GENERATION_KEY)
        keys = [
            redis.key(failures_counter.key),
            redis.key(counter.key),
            generation_key,
            redis.key(entry_key) if look else generation_key,
            *(redis.key(key) for key in flush.keys),
        ]
        args = [
            failures_counter.rate.limit,
            counter.timeout,
            kept.generation if kept is not None else "",
            "1" if look else "0",
        ]
        for count, timeout in zip(flush.counts, flush.timeouts, strict=True):
            args += [count, timeout]
        asked_at = lease.now()
        try:
            reply = redis.script(COUNT_AND_LOOK_UP)(keys=keys, args=args)
        except Exception:
            # A cache outage fails open, like the limiter itself: the request
            # goes on uncounted and the endpoint reads the database.
            tallies.give_back(flush)
            logger.warning("Delivery edge: shared cache unavailable", exc_info=True)
            return failures_counter.verdict(0, counted=False), counter.verdict(None)
        failure_count, count, raw_generation, raw_entry, totals = reply
        tallies.settle(flush, totals)
        failures = failures_counter.verdict(int(failure_count), counted=False)
        tallies.record(
            counter,
            int(count or 0),
            int(failure_count),
            asked_at=asked_at,
            lease=lease_seconds(),
        )
        if not failures.allowed:
            return failures, None
        verdict = counter.verdict(int(count))
        if look:
            generation = redis.decode(raw_generation)
            if generation is not None:
                lease.renew(generation, asked_at)
            if kept is not None and kept.generation == generation:
                entry = kept
            else:
                entry = redis.decode(raw_entry)
                if not isinstance(entry, Entry):
                    entry = None
                elif entry.generation == generation:
                    local_entries.put(entry_key, entry)
            request_state(request).cache_lookup = Lookup(entry_key, generation, entry)
        return failures, verdict
