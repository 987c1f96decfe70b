"""The admin screen for token scopes and expiry, beside Wagtail's own API token screen."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.viewsets.model import ModelViewSet

from .models import TokenPolicy


class TokenPolicyViewSet(ModelViewSet):
    """
    Settings → API token scopes: give a token (made in Wagtail's "API tokens"
    screen or with ``create_api_token``) a scope and an expiry date.
    """

    model = TokenPolicy
    icon = "key"
    menu_label = _("API token scopes")
    add_to_settings_menu = True
    form_fields = ["token", "scope", "expires_at"]
    list_display = ["token", "scope", "expires_at"]
    list_filter = ["scope"]
    ordering = ["-token__created"]
