"""
Direct access to the shared cache's Redis, for the few hot paths that must
cost one network round trip.

Django's cache API sends one command per call. Where several reads and a
counter belong to one decision (the Delivery API's cached answers, see
``cms.httpcache.edge``), a Lua script does them in one trip. Keys and
values stay in django-redis's own format (key prefix and version, integers
stored as numbers, everything else pickled), so the same entries remain
readable and writable through ``django.core.cache.cache``.

Without Redis (the local-memory cache of development and tests) there is no
client and callers use the cache API, whose calls cost nothing there.
"""

from django.core.cache import cache


class SharedRedis:
    """The Redis behind ``cache``, with django-redis's key and value format."""

    def __init__(self, backend):
        self._backend = backend
        self._scripts = {}

    def key(self, name):
        return self._backend.make_key(name)

    def decode(self, raw):
        return None if raw is None else self._backend.decode(raw)

    def script(self, source):
        """A registered Lua script (sent once, then run by its digest)."""
        script = self._scripts.get(source)
        if script is None:
            client = self._backend.get_client(write=True)
            script = self._scripts[source] = client.register_script(source)
        return script


_current = None


def shared_redis():
    """The ``SharedRedis`` of the default cache, or None when it is not django-redis."""
    global _current
    backend = getattr(cache, "client", None)
    if backend is None or not hasattr(backend, "get_client"):
        return None
    if _current is None or _current._backend is not backend:
        _current = SharedRedis(backend)
    return _current
