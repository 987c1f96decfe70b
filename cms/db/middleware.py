"""Which requests may read from the replica, and which only read."""

from django.conf import settings

from cms.http.paths import delivery_path
from cms.http.state import request_state

from .router import current_read_database, replica_configured, replica_reads
from .transactions import reads_only

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
DEFAULTS = {
    "REPLICA_READ_PATHS": (delivery_path(),),
    # Previews show drafts an editor has just saved, and the sync feed's
    # cursor must never step past an event the replica has not replayed yet.
    "REPLICA_EXCLUDED_PATHS": (delivery_path("preview/"), delivery_path("sync/")),
}


def _setting(name):
    return tuple(getattr(settings, name, DEFAULTS[name]))


class ReplicaReadsMiddleware:
    """
    Safe requests to the public Delivery API read from the replica; everything
    else (the admin, the Editorial API, previews, the sync feed, any write)
    stays on the primary. Place it after the middleware that authenticates,
    so their reads stay on the primary too.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not self._may_use_replica(request):
            return self.get_response(request)
        with replica_reads():
            response = self.get_response(request)
            database = current_read_database()
        # Counted by the metrics middleware, which sees every response.
        request_state(request).read_database = database
        return response

    def _may_use_replica(self, request):
        if request.method not in SAFE_METHODS or not replica_configured():
            return False
        path = request.path
        return path.startswith(_setting("REPLICA_READ_PATHS")) and not path.startswith(
            _setting("REPLICA_EXCLUDED_PATHS")
        )


class ReadOnlyTransactionsMiddleware:
    """
    Safe requests (GET, HEAD, OPTIONS) run their request transaction as a
    reader: on SQLite it begins ``DEFERRED`` and never holds the write lock
    while it reads (``cms.db.transactions``). Other databases ignore it. A
    safe request that does write (a first visit creating a profile) takes the
    lock when it writes, as a deferred transaction does; if another request
    wrote since it began reading, SQLite refuses that write at once rather
    than let it act on a stale read, so a GET should not write.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method not in SAFE_METHODS:
            return self.get_response(request)
        with reads_only():
            return self.get_response(request)
