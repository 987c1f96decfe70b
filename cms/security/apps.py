from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    """Rate limits, throttles, security headers and the database-outage answer."""

    name = "cms.security"
    label = "security"
    verbose_name = _("Security")

    def ready(self):
        # Connects the failed-login counter to Django's auth signal.
        from . import throttling  # noqa: F401
