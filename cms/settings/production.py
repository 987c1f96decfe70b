"""
Production: fail fast on missing configuration, secure by default.

``SECRET_KEY`` and ``ALLOWED_HOSTS`` have no defaults here; the process
refuses to start without them rather than run with a guessable key.
"""

from django.core.exceptions import ImproperlyConfigured

from .base import *

DEBUG = False

_PLACEHOLDER_KEYS = {"", "change-me", "changeme", "secret"}
if SECRET_KEY in _PLACEHOLDER_KEYS or len(SECRET_KEY) < 50:
    raise ImproperlyConfigured(
        "SECRET_KEY must be set to a random value of at least 50 characters in production."
    )
if not ALLOWED_HOSTS or "*" in ALLOWED_HOSTS:
    raise ImproperlyConfigured(
        "ALLOWED_HOSTS must list the host names this site is served on (no '*')."
    )

STORAGES["staticfiles"] = {
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}
DATABASES["default"]["CONN_MAX_AGE"] = int(
    os.environ.get("DATABASE_CONN_MAX_AGE", "60")
)
if "replica" in DATABASES:
    DATABASES["replica"]["CONN_MAX_AGE"] = DATABASES["default"]["CONN_MAX_AGE"]
# A database host that does not answer fails a request (and /readyz) in
# seconds instead of holding a worker until gunicorn's timeout.
for _database in DATABASES.values():
    if "postgresql" in _database["ENGINE"]:
        _database.setdefault("OPTIONS", {}).setdefault(
            "connect_timeout", int(os.environ.get("DATABASE_CONNECT_TIMEOUT", "5"))
        )

# One JSON object per log line, with the request id (cms.observability.logging).
LOGGING["handlers"]["console"]["formatter"] = os.environ.get("LOG_FORMAT", "json")

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("SECURE_HSTS_PRELOAD", True)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
# The Wagtail editor shows previews in a same-origin iframe, so SAMEORIGIN
# rather than DENY; the check that asks for DENY is silenced for that reason.
X_FRAME_OPTIONS = "SAMEORIGIN"
SILENCED_SYSTEM_CHECKS = [*SILENCED_SYSTEM_CHECKS, "security.W019"]

# One task queue, in the database, drained by `manage.py run_worker`: webhook
# deliveries and their retries, re-renders after an author or image changes,
# and Wagtail's admin search index, which a publish would otherwise rebuild
# inline (an article's index entry costs more than the rest of its publish).
# What readers see, the Delivery API document and its search entry, is still
# rendered by the publish itself. TASKS_BACKEND names another django-tasks
# backend (ImmediateBackend runs everything inline, webhooks included).
TASKS = {
    "default": {
        "BACKEND": os.environ.get("TASKS_BACKEND", "django_tasks_db.DatabaseBackend")
    },
}
WEBHOOK_TASK_BACKEND = "default"
