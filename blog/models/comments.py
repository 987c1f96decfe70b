from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.dispatch import Signal
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

# Sent after a moderation decision changed comments in bulk (a queryset
# update sends no ``post_save``): ``article_ids`` whose public thread changed.
comments_moderated = Signal()

# Replies nest at most this deep (a top-level comment is level 1), as in
# WordPress's default "threaded comments five levels deep".
MAX_THREAD_DEPTH = 5
# Bounds the levels a listing walks, even for imported threads deeper than
# ``MAX_THREAD_DEPTH``: each level costs one query.
MAX_LISTED_DEPTH = 20


@dataclass
class CommentThreads:
    """One page of an article's public comment threads."""

    count: int
    """Approved top-level comments: what ``offset`` and ``limit`` page through."""
    comment_count: int
    """Every approved comment on the article, replies included."""
    comments: list
    """Top-level comments, each with ``thread_replies`` nested to any depth."""


class ReaderCommentQuerySet(models.QuerySet):
    def approved(self):
        return self.filter(status=ReaderComment.Status.APPROVED).order_by(
            "created_at", "pk"
        )

    def pending(self):
        return self.filter(status=ReaderComment.Status.PENDING)

    def threads(self, article_id, *, offset=0, limit=None):
        """
        Approved top-level comments of an article, a page at a time, with their
        approved replies nested under ``thread_replies``.

        One query per level of nesting, never one per comment, so the cost
        does not grow with the size of the discussion. A reply whose parent is
        not approved stays hidden with it: readers never see half a thread.
        """
        approved = self.approved().filter(article_id=article_id)
        top_level = approved.filter(parent__isnull=True)
        count = top_level.count()
        comment_count = approved.count()
        end = None if limit is None else offset + limit
        comments = list(top_level[offset:end]) if count else []
        level = comments
        for _depth in range(MAX_LISTED_DEPTH):
            by_id = {comment.pk: comment for comment in level}
            for comment in level:
                comment.thread_replies = []
            if not by_id:
                break
            level = list(approved.filter(parent_id__in=by_id))
            for reply in level:
                by_id[reply.parent_id].thread_replies.append(reply)
        for comment in level:
            comment.thread_replies = getattr(comment, "thread_replies", [])
        return CommentThreads(count, comment_count, comments)

    def moderate(self, status, user=None):
        """
        Set ``status`` on these comments in one UPDATE, recording who decided
        and when, and announce the articles whose public thread changed.
        Returns how many comments changed.
        """
        changing = self.exclude(status=status)
        touched = list(changing.values_list("article_id", "status"))
        if not touched:
            return 0
        count = changing.update(
            status=status, moderated_at=timezone.now(), moderated_by=user
        )
        approved = ReaderComment.Status.APPROVED
        # Only approving, or withdrawing an approval, changes what readers see.
        article_ids = sorted(
            {
                article_id
                for article_id, before in touched
                if approved in (before, status)
            }
        )
        if article_ids:
            comments_moderated.send(
                sender=ReaderComment, article_ids=article_ids, status=status
            )
        return count


class ReaderComment(models.Model):
    """
    A reader's reply under an article ("Leave a Reply").

    Comments wait for an editor's approval before they appear anywhere. The
    commenter's e-mail and IP address are kept for the newsroom only: no
    template, feed or API response shows them. (These are public reader
    comments, not the editorial comments Wagtail keeps on revisions.)
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
        return f"{self.name}: {self.excerpt}"

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        # Remembered so a save can tell whether readers saw this comment before.
        instance._loaded_status = instance.__dict__.get("status")
        return instance

    @property
    def excerpt(self):
        return Truncator(" ".join(self.body.split())).chars(80)

    @property
    def public_website(self):
        """
        The website to link the name to, only if it is an http(s) URL: imported
        comments were never validated, and a ``javascript:`` link must not reach
        a page or a frontend.
        """
        website = (self.website or "").strip()
        return website if website.lower().startswith(("http://", "https://")) else ""

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED

    @property
    def was_public(self):
        """Whether the stored row, as loaded, was visible to readers."""
        return getattr(self, "_loaded_status", None) == self.Status.APPROVED

    def depth(self):
        """1 for a top-level comment, 2 for a reply to it, and so on."""
        depth, parent_id = 1, self.parent_id
        while parent_id is not None and depth <= MAX_LISTED_DEPTH:
            parent_id = (
                ReaderComment.objects.filter(pk=parent_id)
                .values_list("parent_id", flat=True)
                .first()
            )
            depth += 1
        return depth
