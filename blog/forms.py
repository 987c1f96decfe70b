"""Forms readers fill in on the public site."""

from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models.comments import ReaderComment


class ReaderCommentForm(forms.ModelForm):
    """
    "Leave a Reply": name and e-mail are required, the e-mail is never shown.

    A hidden honeypot field catches the simplest spam bots without a captcha.
    """

    website_confirm = forms.CharField(
        required=False, widget=forms.HiddenInput, label=""
    )

    class Meta:
        model = ReaderComment
        fields = ["body", "name", "email", "website"]
        labels = {"body": _("Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}

    def clean_website_confirm(self):
        if self.cleaned_data.get("website_confirm"):
            raise forms.ValidationError(_("Your comment could not be accepted."))
        return ""

    def save_for(self, article):
        comment = self.save(commit=False)
        comment.article = article
        comment.save()
        return comment
