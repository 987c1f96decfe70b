"""Forms readers fill in on the public site (and that the Delivery API validates with)."""

import ipaddress
import re

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from blog.models.comments import MAX_THREAD_DEPTH, ReaderComment
from cms.security import ratelimit

LINK = re.compile(r"(?:https?://|www\.)\S", re.IGNORECASE)
DEFAULT_MAX_LINKS = 2
DEFAULT_RATE_LIMIT = "5/10min"


def count_links(text):
    return len(LINK.findall(text or ""))


def commenter_ip(request):
    """The poster's address as the rate limiter sees it, or None if it is not one."""
    try:
        return str(ipaddress.ip_address(ratelimit.client_ip(request)))
    except ValueError:
        return None


def count_comment_attempt(request):
    """
    Count one comment submission against the poster's address in the shared
    cache (``COMMENT_RATE_LIMIT``, e.g. "5/10min"), whatever its outcome, so a
    bot gains nothing by retrying. Returns the limiter's verdict.
    """
    rate = ratelimit.Rate.parse(
        getattr(settings, "COMMENT_RATE_LIMIT", DEFAULT_RATE_LIMIT)
    )
    identity = commenter_ip(request) or ratelimit.client_ip(request)
    return ratelimit.hit("comment-ip", identity, rate)


class ReaderCommentForm(forms.ModelForm):
    """
    "Leave a Reply": name and e-mail are required, the e-mail is never shown.

    The one place for what a reader may post, whether through the article
    page or the Delivery API: length and link limits, replies only to an
    approved comment of the same article, no duplicates. A hidden honeypot
    field catches the simplest bots without a captcha; what they post is
    kept as spam rather than refused, so they learn nothing.
    """

    website_confirm = forms.CharField(
        required=False, widget=forms.HiddenInput, label=""
    )
    parent = forms.IntegerField(
        required=False, min_value=1, max_value=2**31 - 1, widget=forms.HiddenInput
    )

    class Meta:
        model = ReaderComment
        fields = ["body", "name", "email", "website"]
        labels = {"body": _("Comment")}
        widgets = {"body": forms.Textarea(attrs={"rows": 6, "maxlength": 5000})}

    def __init__(self, *args, article_id, **kwargs):
        super().__init__(*args, **kwargs)
        self.article_id = article_id
        self.is_spam = False

    def clean_website_confirm(self):
        self.is_spam = bool(self.cleaned_data.get("website_confirm"))
        return ""

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        limit = getattr(settings, "COMMENT_MAX_LINKS", DEFAULT_MAX_LINKS)
        if count_links(body) > limit:
            raise ValidationError(
                ngettext(
                    "A comment may contain at most %(limit)d link.",
                    "A comment may contain at most %(limit)d links.",
                    limit,
                )
                % {"limit": limit},
                code="too_many_links",
            )
        return body

    def clean_parent(self):
        parent_id = self.cleaned_data.get("parent")
        if parent_id is None:
            return None
        parent = (
            ReaderComment.objects.filter(
                pk=parent_id,
                article_id=self.article_id,
                status=ReaderComment.Status.APPROVED,
            )
            .only("pk", "parent_id")
            .first()
        )
        if parent is None:
            # Whether it is on another article, waiting or rejected is nobody's business.
            raise ValidationError(
                _("You can only reply to a published comment on this article."),
                code="invalid_parent",
            )
        if parent.depth() >= MAX_THREAD_DEPTH:
            raise ValidationError(
                _("This thread is too deep for another reply."), code="too_deep"
            )
        return parent

    def clean(self):
        cleaned = super().clean()
        email, body = cleaned.get("email"), cleaned.get("body")
        if email and body and self._is_duplicate(email, body):
            raise ValidationError(
                _("You have already posted this comment."), code="duplicate"
            )
        return cleaned

    def _is_duplicate(self, email, body):
        return ReaderComment.objects.filter(
            article_id=self.article_id, email__iexact=email, body=body
        ).exists()

    def has_error_code(self, code):
        return any(
            error.code == code
            for errors in self.errors.as_data().values()
            for error in errors
        )

    def submit(self, *, ip_address=None):
        """Store the comment, held for moderation (or filed as spam)."""
        comment = self.save(commit=False)
        comment.article_id = self.article_id
        comment.parent = self.cleaned_data.get("parent")
        comment.ip_address = ip_address
        comment.status = (
            ReaderComment.Status.SPAM if self.is_spam else ReaderComment.Status.PENDING
        )
        comment.save()
        return comment
