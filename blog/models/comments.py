from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReaderCommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReaderComment.Status.APPROVED).order_by("created_at")

    def pending(self):
        return self.filter(status=ReaderComment.Status.PENDING)


class ReaderComment(models.Model):
    """
    A reader's reply under an article ("Leave a Reply").

    Comments wait for an editor's approval before they appear anywhere. The
    commenter's e-mail is kept for the newsroom only: no template and no API
    response shows it. (These are public reader comments, not the editorial
    comments Wagtail keeps on revisions.)
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting moderation")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")
        SPAM = "spam", _("Spam")

    article = models.ForeignKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="reader_comments"
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail"), help_text=_("Never published."))
    website = models.URLField(_("website"), blank=True)
    body = models.TextField(_("comment"), max_length=5000)
    parent = models.ForeignKey(
        "self",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="replies",
        verbose_name=_("in reply to"),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    # A default rather than auto_now_add, so imported comments keep their dates.
    created_at = models.DateTimeField(
        _("submitted at"), default=timezone.now, db_index=True
    )

    # Kept for spam defence and abuse reports; never shown to readers.
    ip_address = models.GenericIPAddressField(
        _("IP address"), null=True, blank=True, editable=False
    )
    moderated_at = models.DateTimeField(
        _("moderated at"), null=True, blank=True, editable=False
    )
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
        verbose_name=_("moderated by"),
    )

    objects = ReaderCommentQuerySet.as_manager()

    class Meta:
        verbose_name = _("reader comment")
        verbose_name_plural = _("reader comments")
        ordering = ["-created_at"]
        indexes = [
            # The public thread of one article: approved comments in date order.
            models.Index(
                fields=["article", "status", "created_at"],
                name="blog_comment_thread_idx",
            ),
        ]

    def __str__(self):
        return f"{self.name} on {self.article_id}"
