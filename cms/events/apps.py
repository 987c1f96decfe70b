from django.apps import AppConfig


class EventsConfig(AppConfig):
    name = "cms.events"
    label = "events"
    verbose_name = "Content events"

    def ready(self):
        from . import recorders  # noqa: F401  (connects the signal handlers)
