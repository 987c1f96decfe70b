"""
Whether the code running now means to write.

SQLite has one write lock for the whole file. A transaction begun
``IMMEDIATE`` takes it at ``BEGIN`` and holds it until it ends, so a request
that only reads would still make every other request wait for it. The
SQLite backend (``cms.db.sqlite``) asks ``writes_expected()`` when it opens a
transaction: requests with a safe method (GET, HEAD, OPTIONS) begin
``DEFERRED`` and never take the lock unless they write; everything else (form
posts, API writes, management commands, background tasks) begins
``IMMEDIATE`` and queues for the lock, for up to the busy timeout, instead of
failing halfway through.

The state lives in a ``ContextVar``, so threads and async tasks never share it.
"""

import contextlib
import contextvars

_writes_expected = contextvars.ContextVar("cms_db_writes_expected", default=True)


def writes_expected():
    """True unless the current block declared that it only reads."""
    return _writes_expected.get()


@contextlib.contextmanager
def reads_only():
    """Declare that transactions begun in this block are expected only to read."""
    token = _writes_expected.set(False)
    try:
        yield
    finally:
        _writes_expected.reset(token)
