from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.views.generic import CreateView, InspectView

from . import delivery
from .models import WebhookDelivery

RECENT_DELIVERIES = 25


class EndpointCreateView(CreateView):
    """Records who created the endpoint."""

    def save_instance(self):
        self.form.instance.created_by = self.request.user
        return super().save_instance()


class EndpointInspectView(InspectView):
    """The endpoint, its signing secret, and its recent deliveries with every attempt."""

    template_name = "webhooks/endpoint_inspect.html"
    resend_url_name = None

    def get_secret_display_value(self):
        return self.object.secret

    def get_events_display_value(self):
        return ", ".join(self.object.events) or "-"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["deliveries"] = (
            self.object.deliveries.select_related("event")
            .prefetch_related("attempts")
            .order_by("-id")[:RECENT_DELIVERIES]
        )
        context["can_resend"] = self.permission_policy.user_has_permission(
            self.request.user, "change"
        )
        context["resend_url_name"] = self.resend_url_name
        return context


def resend_view_for(viewset):
    """A POST-only view that sends one delivery again, for users who may change endpoints."""

    @require_POST
    def resend(request, pk):
        if not viewset.permission_policy.user_has_permission(request.user, "change"):
            raise PermissionDenied
        item = get_object_or_404(WebhookDelivery, pk=pk)
        delivery.resend(item)
        messages.success(request, _("The delivery will be sent again."))
        return redirect(viewset.get_url_name("inspect"), item.endpoint_id)

    return resend
