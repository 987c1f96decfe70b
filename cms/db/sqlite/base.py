"""
Django's SQLite backend, beginning read-only work ``DEFERRED``.

Django applies ``OPTIONS["transaction_mode"]`` to every transaction of a
connection. With ``ATOMIC_REQUESTS`` and ``IMMEDIATE`` that meant every
request, a reader's too, took the database's one write lock at its start, and
two workers serving reads took turns. Here the configured mode (``IMMEDIATE``)
applies to work that may write, and a block inside
``cms.db.transactions.reads_only()`` begins ``DEFERRED``: under WAL it reads
its snapshot beside a writer and takes no lock.
"""

from django.db.backends.sqlite3 import base

from cms.db.transactions import writes_expected


class DatabaseWrapper(base.DatabaseWrapper):
    """SQLite with the transaction mode chosen by ``writes_expected()``."""

    def _start_transaction_under_autocommit(self):
        if writes_expected():
            super()._start_transaction_under_autocommit()
        else:
            self.cursor().execute("BEGIN DEFERRED")
