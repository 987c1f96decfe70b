from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the newsroom: ``backup`` and ``restore``, and the background loops' heartbeats."""

    name = "cms.ops"
    label = "ops"
    verbose_name = "Operations"
