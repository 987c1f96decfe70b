from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DeliveryConfig(AppConfig):
    """The Delivery API: stored documents, their rebuild on publish, the endpoints."""

    name = "cms.api.delivery"
    label = "delivery"
    verbose_name = _("Delivery API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import handlers  # noqa: F401  (connects the content event handlers)
