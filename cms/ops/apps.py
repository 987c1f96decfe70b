from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Management commands for running the newsroom: ``backup`` and ``restore``."""

    name = "cms.ops"
    label = "ops"
    verbose_name = "Operations"
