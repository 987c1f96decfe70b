"""
Never serve a publish stale from a lagging replica.

Delivery API responses are cached under the content generation, which the
primary's writers bump after each committed content change. Just *before*
bumping it they store the primary's WAL position (``pg_current_wal_lsn()``)
in the shared cache. A request that read the new generation therefore finds
a WAL position at least as new as the change, and may read from the replica
only once the replica has replayed that far (``pg_last_wal_replay_lsn()``);
until then its reads go to the primary. A stale document can thus never be
cached under a new generation.

The replica's replay position is remembered per process, so once it has
caught up with the latest change the check costs nothing until the next one.
"""

import logging
import threading

from django.core.cache import cache
from django.db import DatabaseError, connections

from .aliases import PRIMARY, REPLICA, replica_configured

logger = logging.getLogger(__name__)

POSITION_KEY = "db:primary-wal-position"

# Only ever raises the stored position: two writers finishing out of order
# must not move it back below the first one's change.
_RAISE_SCRIPT = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0')
if tonumber(ARGV[1]) > current then redis.call('SET', KEYS[1], ARGV[1]) end
return 1
"""

_lock = threading.Lock()
_replayed = 0


def parse_lsn(text):
    """A PostgreSQL ``pg_lsn`` ("16/B374D848") as a comparable integer."""
    high, _, low = str(text).partition("/")
    return (int(high, 16) << 32) + int(low, 16)


def _is_postgres(alias):
    return connections[alias].vendor == "postgresql"


def primary_position():
    """The primary's current WAL position, as an integer."""
    with connections[PRIMARY].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()")
        return parse_lsn(cursor.fetchone()[0])


def _raise_stored_position(position):
    client = getattr(cache, "client", None)
    if client is not None and hasattr(client, "get_client"):
        # django-redis stores integers as plain numbers, so Lua can compare
        # them (as doubles: exact below 2**53 bytes of WAL).
        try:
            redis = client.get_client(write=True)
            redis.eval(_RAISE_SCRIPT, 1, client.make_key(POSITION_KEY), position)
            return
        except Exception:
            # A cache outage must not fail a publish.
            logger.warning("Could not store the primary's WAL position", exc_info=True)
            return
    stored = cache.get(POSITION_KEY)
    if stored is None or position > stored:
        cache.set(POSITION_KEY, position, timeout=None)


def record_primary_position():
    """
    Store the primary's WAL position: called before each content generation
    bump, after the change it announces has committed.
    """
    if not replica_configured() or not _is_postgres(PRIMARY):
        return
    try:
        position = primary_position()
    except DatabaseError:
        # Readers then find an older position; the next change stores a newer one.
        logger.warning("Could not read the primary's WAL position", exc_info=True)
        return
    _raise_stored_position(position)


def required_position():
    """The WAL position the replica must have replayed to serve the current generation."""
    position = cache.get(POSITION_KEY)
    if position is None:
        # Evicted or never written (a fresh cache): the primary's position
        # now is at least as new as any change announced so far.
        position = primary_position()
        cache.add(POSITION_KEY, position, timeout=None)
    return position


def replica_position():
    """How far the replica has replayed, or None if it is not a standby."""
    with connections[REPLICA].cursor() as cursor:
        cursor.execute("SELECT pg_last_wal_replay_lsn()")
        value = cursor.fetchone()[0]
    return None if value is None else parse_lsn(value)


def replica_is_fresh():
    """
    Whether the replica has every change the current generation stands for.
    Any doubt (a replica that does not answer) means no: the primary answers.
    """
    global _replayed
    if not (_is_postgres(PRIMARY) and _is_postgres(REPLICA)):
        # Without WAL positions there is nothing to compare; a non-PostgreSQL
        # replica can only be a test mirror of the primary.
        return True
    try:
        required = required_position()
        if required <= _replayed:
            return True
        replayed = replica_position()
    except DatabaseError:
        logger.warning("Replica unavailable; reading from the primary", exc_info=True)
        connections[REPLICA].close()
        return False
    if replayed is None:
        # Not in recovery: the "replica" is a primary itself, nothing to wait for.
        return True
    with _lock:
        _replayed = max(_replayed, replayed)
    return replayed >= required


def forget_replay_position():
    """Drop the remembered replay position (tests; a replica that was rebuilt)."""
    global _replayed
    with _lock:
        _replayed = 0
