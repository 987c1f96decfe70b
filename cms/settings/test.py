"""The test suite: fast hashing, media in a temporary folder, tasks run inline."""

import tempfile
from urllib.parse import urlsplit, urlunsplit

from .base import *

DEBUG = False
SECRET_KEY = "test-only-key"  # noqa: S105
ALLOWED_HOSTS = ["testserver", "localhost", "127.0.0.1"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="cms-test-media-"))
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# One test database: the replica tests start a real primary and replica of
# their own (tests/production/test_replica.py), whatever the environment says.
DATABASES.pop("replica", None)
WAGTAILADMIN_BASE_URL = "http://testserver"
# Read the generation on every request, so that publishing in a test costs
# no commit wait; tests/api/test_generation_lease.py sets one.
API_GENERATION_LEASE = 0
_XDIST_WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if REDIS_URL and _XDIST_WORKER.startswith("gw"):
    # Tests clear the cache (FLUSHDB): parallel workers each get a database.
    _base = int(urlsplit(REDIS_URL).path.strip("/") or 0)
    _worker_url = urlsplit(REDIS_URL)._replace(
        path=f"/{_base + 1 + int(_XDIST_WORKER[2:])}"
    )
    CACHES = redis_caches(urlunsplit(_worker_url))
elif not REDIS_URL:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cms-tests",
        }
    }
# Serve static files from the finders; tests never run collectstatic.
WHITENOISE_AUTOREFRESH = True
# Webhook receivers on this machine (127.0.0.1) are allowed here.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True

# Demo and benchmark data: `manage.py load_demo` and `generate_articles`.
INSTALLED_APPS = [*INSTALLED_APPS, "cms.devtools"]
