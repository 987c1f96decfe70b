"""
Read scaling: Delivery API reads from a PostgreSQL streaming replica.

``DATABASE_REPLICA_URL`` adds a ``replica`` database. ``ReplicaReadsMiddleware``
lets safe requests to the public Delivery API read from it; the router sends
every other query, and every read after a write in the same request, to the
primary. A publish is never served stale: see ``freshness``.
"""
