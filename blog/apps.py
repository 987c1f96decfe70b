from django.apps import AppConfig


class BlogConfig(AppConfig):
    name = "blog"
    verbose_name = "Newsroom"

    def ready(self):
        from blog import signal_handlers  # noqa: F401 (connects the receivers)
