from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublishingConfig(AppConfig):
    """
    The published read model: each live article and author bio rendered to
    JSON when it is published, stored, and kept in step with what it shows.

    The label stays "delivery" (the app was born inside the Delivery API), so
    the table and the migration history carry over unchanged.
    """

    name = "cms.publishing"
    label = "delivery"
    verbose_name = _("Published documents")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import signal_handlers  # noqa: F401  (connects the receivers)
