from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class WebhooksConfig(AppConfig):
    """Signed, retried webhook deliveries fed by the content event log."""

    name = "cms.webhooks"
    label = "webhooks"
    verbose_name = _("Webhooks")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from cms.observability.metrics import register_database_figures

        from . import receivers  # noqa: F401  (connects the post_save handler)
        from .metrics import webhook_figures

        register_database_figures(webhook_figures)
