import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ContentEvent(models.Model):
    """
    One row for every change that the world outside the CMS must hear about.

    A row is written in the same database transaction as the change itself
    (publish, unpublish, delete, move, a workflow transition), so an event
    exists if and only if the change happened. Everything that tells the
    outside world (cache invalidation, CDN purge, webhooks, the sync feed)
    reads from this one log; the auto-incrementing ``id`` is its position,
    and ``uuid`` is the idempotency key receivers see.

    Page ids are stored as plain integers, not foreign keys, so the event for
    a deleted page outlives the page.
    """

    class Type(models.TextChoices):
        PUBLISHED = "page.published", _("Published")
        UNPUBLISHED = "page.unpublished", _("Unpublished")
        DELETED = "page.deleted", _("Deleted")
        MOVED = "page.moved", _("Moved")
        WORKFLOW_SUBMITTED = "workflow.submitted", _("Submitted for review")
        WORKFLOW_APPROVED = "workflow.approved", _("Approved")
        WORKFLOW_REJECTED = "workflow.rejected", _("Changes requested")
        WORKFLOW_CANCELLED = "workflow.cancelled", _("Review cancelled")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    type = models.CharField(
        _("type"), max_length=32, choices=Type.choices, db_index=True
    )
    occurred_at = models.DateTimeField(
        _("occurred at"), default=timezone.now, db_index=True
    )
    page_id = models.PositiveIntegerField(_("page id"), db_index=True)
    page_type = models.CharField(
        _("page type"),
        max_length=100,
        help_text=_("app_label.model, e.g. blog.articlepage"),
    )
    url_path = models.CharField(_("URL path"), max_length=1024, blank=True)
    revision_id = models.PositiveIntegerField(_("revision id"), null=True, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    data = models.JSONField(_("details"), default=dict, blank=True)

    class Meta:
        verbose_name = _("content event")
        verbose_name_plural = _("content events")
        ordering = ["id"]
        indexes = [models.Index(fields=["page_type", "id"], name="event_type_position")]

    def __str__(self):
        return f"#{self.pk} {self.type} page {self.page_id}"

    @property
    def is_page_change(self):
        return self.type.startswith("page.")
