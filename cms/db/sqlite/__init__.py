"""
The SQLite backend: Django's, with the transaction mode chosen per request.

See ``cms.db.transactions`` for why reads begin ``DEFERRED`` and writes
``IMMEDIATE``.
"""
