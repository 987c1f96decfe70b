"""
Several workers in one test process: each with its own lease on the content
generation and its own rate-limit tallies, over the real shared cache and
database (and the kept bodies, which are served only under a current lease).
"""

from contextlib import contextmanager

import pytest

from cms.httpcache import edge
from cms.httpcache.caching import local_entries
from cms.httpcache.leases import GenerationLease
from cms.security.tallies import Tallies
from cms.sharedcache import shared_redis

needs_redis = pytest.mark.skipif(
    shared_redis() is None, reason="leases stand in for Redis round trips (REDIS_URL)"
)


class Worker:
    """Another worker process, serving the requests made inside ``serving()``."""

    def __init__(self, monkeypatch):
        self.monkeypatch = monkeypatch
        self.lease = GenerationLease()
        self.tallies = Tallies()

    @contextmanager
    def serving(self):
        with self.monkeypatch.context() as patch:
            patch.setattr(edge, "lease", self.lease)
            patch.setattr(edge, "tallies", self.tallies)
            yield


def forget_worker_state():
    """This process's lease, tallies and kept bodies, as a new worker has them."""
    edge.lease.forget()
    edge.tallies.clear()
    local_entries.clear()
