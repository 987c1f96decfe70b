from django.apps import AppConfig


class ObservabilityConfig(AppConfig):
    name = "cms.observability"
    label = "observability"
    verbose_name = "Observability"

    def ready(self):
        from django.core.signals import request_finished

        from .logging import clear_request_id

        request_finished.connect(
            clear_request_id, dispatch_uid="cms.observability.clear_request_id"
        )
