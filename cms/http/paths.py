"""
Where the APIs live: the one place their URL prefixes are written.

``cms/urls.py`` mounts the APIs here; the edge cache, the replica router,
CORS and the links inside stored documents build their paths from it.
"""

API_ROOT = "/api/"
DELIVERY_API_PREFIX = "/api/v1/"
EDITORIAL_API_PREFIX = "/api/editorial/"


def delivery_path(endpoint=""):
    """A path of the Delivery API, e.g. ``delivery_path("articles/")``."""
    return DELIVERY_API_PREFIX + endpoint.lstrip("/")


def mount_point(prefix):
    """``prefix`` as Django's ``path()`` wants it: without the leading slash."""
    return prefix.lstrip("/")
