from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PreviewConfig(AppConfig):
    """Headless preview: signed, expiring tokens that show a draft as the frontend renders it."""

    name = "cms.preview"
    label = "preview"
    verbose_name = _("Headless preview")
    default_auto_field = "django.db.models.BigAutoField"
