from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from . import destinations, topics


class WebhookEndpointForm(WagtailAdminModelForm):
    """
    The endpoint form: subscribed events as checkboxes rather than raw JSON,
    and a URL that passes the destination rules (``destinations.check``).
    """

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

    def clean_url(self):
        url = self.cleaned_data["url"]
        destinations.check(url)
        return url
