from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DevToolsConfig(AppConfig):
    """Demo and benchmark data; installed outside production only."""

    name = "cms.devtools"
    label = "devtools"
    verbose_name = _("Development data")
