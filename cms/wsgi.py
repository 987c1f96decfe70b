"""WSGI entry point; defaults to production settings, as a server should."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

application = get_wsgi_application()

from cms.warmup import ready_process  # noqa: E402 (needs the apps loaded)

ready_process()
