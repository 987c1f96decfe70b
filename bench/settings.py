"""
Settings for the benchmark server (``make bench``): production settings
against the benchmark's own database, served on 127.0.0.1 without TLS.

The harness (``bench/run.py``) passes everything machine-specific through
the environment: ``BENCH_DATABASE_URL`` (a SQLite file under
``bench/data/`` or the ``bench`` PostgreSQL database, never the site's own),
``SECRET_KEY`` (fresh for each run), ``BENCH_STATIC_ROOT`` (the folder of
static copies of API responses, the ceiling) and ``API_RESPONSE_CACHE``
(off for the uncached runs).
"""

import os

from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
if not os.environ.get("BENCH_DATABASE_URL"):
    raise ImproperlyConfigured(
        "BENCH_DATABASE_URL must name the benchmark's database; run `make bench`."
    )
# The project's own settings build the database connection from these, with
# production's persistent connections; never the site's database or a replica.
os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
os.environ.pop("DATABASE_REPLICA_URL", None)

from cms.settings.production import *

if DATABASES["default"]["ENGINE"] == "cms.db.sqlite":
    # Writes queue for SQLite's one write lock (reads take none); a slow
    # stock v2 request that writes must not make another writer give up after
    # the default busy timeout and answer 503. Waiting longer measures the queue.
    DATABASES["default"]["OPTIONS"]["timeout"] = 60

ROOT_URLCONF = "bench.urls"
# Wagtail's stock v2 API, the baseline the Delivery API is compared with.
INSTALLED_APPS = [*INSTALLED_APPS, "cms.devtools", "wagtail.api.v2", "rest_framework"]

# Plain HTTP on the loopback interface.
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
# The rate limiter still counts every request, as in production, but one
# benchmark client must never be refused.
API_RATE_LIMIT = "1000000000/min"

# No collectstatic for a benchmark: the static files served are the
# response copies in BENCH_STATIC_ROOT, at the site root like robots.txt.
STORAGES["staticfiles"] = {
    "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
}
WHITENOISE_ROOT = os.environ.get("BENCH_STATIC_ROOT") or None
STATIC_ROOT = BASE_DIR / "bench" / "data" / "staticfiles"
MEDIA_ROOT = BASE_DIR / "bench" / "data" / "media"

# Review and publishing notifications are composed as in production, and
# kept in memory: the publish benchmark measures the newsroom, not an SMTP server.
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")
