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

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
if not os.environ.get("BENCH_DATABASE_URL"):
    raise ImproperlyConfigured(
        "BENCH_DATABASE_URL must name the benchmark's database; run `make bench`."
    )

from cms.settings.production import *

DATABASES = {
    "default": dj_database_url.parse(
        os.environ["BENCH_DATABASE_URL"], conn_max_age=600, conn_health_checks=True
    )
}
DATABASES["default"]["ATOMIC_REQUESTS"] = True

ROOT_URLCONF = "bench.urls"
# Wagtail's stock v2 API, the baseline the Delivery API is compared with.
INSTALLED_APPS = [*INSTALLED_APPS, "wagtail.api.v2", "rest_framework"]

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
MEDIA_ROOT = BASE_DIR / "bench" / "data" / "media"

LOGGING["root"]["level"] = os.environ.get("LOG_LEVEL", "WARNING")
