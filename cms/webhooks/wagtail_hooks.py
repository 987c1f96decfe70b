from django.urls import path
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.viewsets.model import ModelViewSet

from .forms import WebhookEndpointForm
from .models import WebhookEndpoint
from .views import EndpointCreateView, EndpointInspectView, resend_view_for


class WebhookEndpointViewSet(ModelViewSet):
    """Webhook endpoints under Settings, for users with the model's permissions."""

    model = WebhookEndpoint
    icon = "link-external"
    menu_label = _("Webhooks")
    add_to_settings_menu = True
    form_fields = ["name", "url", "events", "is_active", "is_paused", "paused_reason"]
    list_display = ["name", "url", "is_active", "is_paused"]
    add_view_class = EndpointCreateView
    inspect_view_enabled = True
    inspect_view_class = EndpointInspectView
    inspect_view_fields = [
        "name",
        "url",
        "secret",
        "events",
        "is_active",
        "is_paused",
        "paused_reason",
        "created_by",
        "created_at",
    ]

    def get_form_class(self, for_update=False):
        return type(
            "WebhookEndpointModelForm",
            (WebhookEndpointForm,),
            {
                "Meta": type(
                    "Meta", (), {"model": self.model, "fields": self.form_fields}
                )
            },
        )

    def get_inspect_view_kwargs(self, **kwargs):
        return super().get_inspect_view_kwargs(
            resend_url_name=self.get_url_name("resend"), **kwargs
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path("resend/<int:pk>/", resend_view_for(self), name="resend"),
        ]


@hooks.register("register_admin_viewset")
def register_webhook_viewset():
    return WebhookEndpointViewSet("webhooks")
