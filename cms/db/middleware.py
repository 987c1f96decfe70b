"""Which requests may read from the replica."""

from django.conf import settings

from .router import current_read_database, replica_configured, replica_reads

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
DEFAULTS = {
    "REPLICA_READ_PATHS": ("/api/v1/",),
    # Previews show drafts an editor has just saved, and the sync feed's
    # cursor must never step past an event the replica has not replayed yet.
    "REPLICA_EXCLUDED_PATHS": ("/api/v1/preview/", "/api/v1/sync/"),
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
        if database is not None:
            from cms.observability.metrics import record_read_database

            record_read_database(database)
        return response

    def _may_use_replica(self, request):
        if request.method not in SAFE_METHODS or not replica_configured():
            return False
        path = request.path
        return path.startswith(_setting("REPLICA_READ_PATHS")) and not path.startswith(
            _setting("REPLICA_EXCLUDED_PATHS")
        )
