"""Local development: debug on, console e-mail, a SECRET_KEY that is only for this machine."""

from .base import *

DEBUG = True
SECRET_KEY = SECRET_KEY or "dev-only-insecure-key-never-used-in-production"
ALLOWED_HOSTS = ALLOWED_HOSTS or ["127.0.0.1", "localhost", "[::1]"]
# `make frontend` serves the example frontend here; it reads the API from the browser.
CORS_ALLOWED_ORIGINS = CORS_ALLOWED_ORIGINS or [
    "http://127.0.0.1:3000",
    "http://localhost:3000",
]
# The development server reloads on file events (inotify and the like) rather
# than Django's StatReloader, which stats every imported file, the
# virtualenv's included, once a second: about a tenth of a core while idle.
# Only runserver uses it; gunicorn (make serve, the benchmark, the load test)
# never reloads.
INSTALLED_APPS = [*INSTALLED_APPS, "django_watchfiles"]
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend"
)

# Wagtail's own tasks (search and reference index) stay immediate so that
# `make run` shows fresh content without a worker; webhook deliveries go to
# the database queue that `make worker` drains.
TASKS = {
    "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
    "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
}
WEBHOOK_TASK_BACKEND = "background"
# Webhook receivers on this machine (127.0.0.1) are allowed here.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = True

# Demo and benchmark data: `manage.py load_demo` and `generate_articles`.
INSTALLED_APPS = [*INSTALLED_APPS, "cms.devtools"]
