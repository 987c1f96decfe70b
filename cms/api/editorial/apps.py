from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    """The Editorial API: Wagtail's v3 API plus workflow, locking, diffs and token scopes."""

    name = "cms.api.editorial"
    label = "editorial"
    verbose_name = _("Editorial API")
    default_auto_field = "django.db.models.BigAutoField"
