"""
The database router: the primary for everything, the replica for reads that
asked for it and may see it.

Which reads may use the replica is decided per request (or per block of
code) by ``replica_reads()``, not per model: the same ``DeliveryDocument``
query is safe from a public API read and unsafe in the request that has just
published it. The state lives in a ``ContextVar``, so threads and async tasks
never share it.
"""

import contextlib
import contextvars
import dataclasses

from . import freshness
from .aliases import PRIMARY, REPLICA, replica_configured

__all__ = ["PRIMARY", "REPLICA", "ReplicaRouter", "replica_configured", "replica_reads"]


@dataclasses.dataclass
class _ReadState:
    """What the current request may read from."""

    # Set once anything was written: later reads must see that write.
    pinned: bool = False
    # None until the first read asks; then whether the replica has replayed
    # everything the cached content generation stands for.
    fresh: bool | None = None
    database: str | None = None


_state = contextvars.ContextVar("cms_db_read_state", default=None)


@contextlib.contextmanager
def replica_reads():
    """Let reads in this block go to the replica, when it is configured and fresh."""
    token = _state.set(_ReadState())
    try:
        yield
    finally:
        _state.reset(token)


def current_read_database():
    """Where this block's reads went (``"replica"``, ``"default"``) or None if none ran."""
    state = _state.get()
    return state.database if state is not None else None


def pin_to_primary():
    """Send the rest of this block's reads to the primary."""
    state = _state.get()
    if state is not None:
        state.pinned = True


class ReplicaRouter:
    """
    Reads go to the replica only inside ``replica_reads()``, before any write,
    and only while the replica has caught up with the last content change
    (``freshness.replica_is_fresh``). Everything else uses the primary, which
    is also the only database migrations run on.
    """

    def db_for_read(self, model, **hints):
        state = _state.get()
        if state is None or state.pinned or not replica_configured():
            return PRIMARY
        if state.fresh is None:
            state.fresh = freshness.replica_is_fresh()
        state.database = REPLICA if state.fresh else PRIMARY
        return state.database

    def db_for_write(self, model, **hints):
        pin_to_primary()
        return PRIMARY

    def allow_relation(self, obj1, obj2, **hints):
        # The replica is a copy of the primary: objects from either relate.
        return True

    def allow_migrate(self, db, app_label, model_name=None, **hints):
        return db != REPLICA
