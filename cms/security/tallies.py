"""
Rate-limit counts kept by one worker between visits to the shared counters.

The Delivery API's edge answers most cached reads without a Redis round
trip (``cms.httpcache.leases``), so it cannot add each of them to the
shared counter as it happens. Instead each worker keeps a *tally* per
caller: the shared count and the caller's failed-credential count as read
on the caller's last round trip, and its own counts since. A tally decides
alone for at most one lease after that round trip; the pending counts go to
the shared counters on the worker's next round trip, whoever's it is.

A worker holds at most a tenth of a caller's limit uncounted, and a caller
past half its limit is counted in the shared counter on every request. So
a decision misses at most what other workers counted within the last lease,
a caller spreading its requests over several workers gets past its limit
by at most a tenth of it per other worker, and a caller blocked for
guessing credentials is refused everywhere within a lease.
"""

import threading
import time
from dataclasses import dataclass

# Beyond this many callers a worker forgets the ones with nothing pending.
MAX_TALLIES = 10_000


@dataclass
class Tally:
    shared: int
    pending: int
    failures: int
    ends_at: float
    fresh_until: float


@dataclass(frozen=True)
class Flush:
    """Counts taken from the tallies to add to the shared counters."""

    keys: list
    counts: list
    timeouts: list


class Tallies:
    """The tallies of one process, keyed by the rate counter's window key."""

    def __init__(self, clock=time.monotonic):
        self._clock = clock
        self._lock = threading.Lock()
        self._tallies = {}

    def admit(self, counter, failures_counter):
        """
        Count one request locally: ``(failures verdict, rate verdict)``, or
        None when the shared counters must decide.
        """
        with self._lock:
            tally = self._tallies.get(counter.key)
            if tally is None or self._clock() >= tally.fresh_until:
                return None
            if tally.failures >= failures_counter.rate.limit:
                return failures_counter.verdict(tally.failures, counted=False), None
            count = tally.shared + tally.pending + 1
            limit = counter.rate.limit
            if count * 2 > limit or (tally.pending + 1) * 10 > limit:
                return None
            tally.pending += 1
        return (
            failures_counter.verdict(tally.failures, counted=False),
            counter.verdict(count),
        )

    def take(self):
        """Every pending count, handed over to be added to the shared counters."""
        keys, counts, timeouts = [], [], []
        with self._lock:
            for key, tally in self._tallies.items():
                if tally.pending:
                    keys.append(key)
                    counts.append(tally.pending)
                    timeouts.append(int(tally.ends_at - self._clock()) + 3)
                    tally.pending = 0
        return Flush(keys, counts, timeouts)

    def give_back(self, flush):
        """A flush that never reached the shared counters (the cache is down)."""
        with self._lock:
            for key, count in zip(flush.keys, flush.counts, strict=True):
                tally = self._tallies.get(key)
                if tally is not None:
                    tally.pending += count

    def settle(self, flush, totals):
        """The shared counters' values after ``flush`` was added to them."""
        with self._lock:
            for key, total in zip(flush.keys, totals, strict=True):
                tally = self._tallies.get(key)
                if tally is not None:
                    tally.shared = max(tally.shared, int(total))
            self._forget_finished()

    def record(self, counter, shared, failures, *, asked_at, lease):
        """
        What the shared counters said of this caller in a round trip sent at
        ``asked_at``: the tally may decide alone for ``lease`` seconds after.
        """
        fresh_until = min(asked_at + lease, asked_at + counter.retry_after)
        with self._lock:
            tally = self._tallies.get(counter.key)
            if tally is None:
                self._tallies[counter.key] = Tally(
                    shared,
                    0,
                    failures,
                    ends_at=asked_at + counter.retry_after,
                    fresh_until=fresh_until,
                )
            else:
                tally.shared = max(tally.shared, shared)
                tally.failures = failures
                tally.fresh_until = max(tally.fresh_until, fresh_until)

    def _forget_finished(self):
        now = self._clock()
        finished = [
            key
            for key, tally in self._tallies.items()
            if not tally.pending and (now >= tally.ends_at)
        ]
        for key in finished:
            del self._tallies[key]
        if len(self._tallies) > MAX_TALLIES:
            idle = [key for key, tally in self._tallies.items() if not tally.pending]
            for key in idle:
                del self._tallies[key]

    def clear(self):
        with self._lock:
            self._tallies.clear()


tallies = Tallies()
