from django import forms
from django.utils.translation import gettext_lazy as _
from wagtail.forms import TaskStateCommentForm
from wagtail.models import GroupApprovalTask


class ChangeRequestForm(TaskStateCommentForm):
    """The editor's "Request changes" dialog: the writer needs to know what to change."""

    comment = forms.CharField(
        label=_("What needs to change?"),
        help_text=_("The writer sees this on the article and on their dashboard."),
        widget=forms.Textarea({"rows": 3}),
    )


class EditorApprovalTask(GroupApprovalTask):
    """
    The newsroom's review step: Wagtail's group approval, except that an
    editor who requests changes must say what to change.
    """

    class Meta:
        proxy = True
        verbose_name = _("editor approval task")
        verbose_name_plural = _("editor approval tasks")

    def get_form_for_action(self, action):
        if action == "reject":
            return ChangeRequestForm
        return super().get_form_for_action(action)
