from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import topics


class WebhookEndpointForm(WagtailAdminModelForm):
    """The endpoint form: subscribed events as checkboxes rather than raw JSON."""

    events = forms.MultipleChoiceField(
        label=_("Events"),
        choices=topics.CHOICES,
        widget=forms.CheckboxSelectMultiple,
        initial=[
            "article.published",
            "article.unpublished",
            "article.deleted",
            "article.moved",
        ],
    )
