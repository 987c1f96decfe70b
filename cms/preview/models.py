from datetime import timedelta

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PreviewSnapshot(models.Model):
    """
    The content an editor was looking at in the preview panel, unsaved edits included.

    Wagtail builds the preview from the editor's form data without saving a
    revision; the frontend fetches it later, from another process, so it is
    kept here for the life of its token. Rows older than the token lifetime
    are deleted whenever a new one is made.
    """

    page_id = models.PositiveBigIntegerField(_("page id"), null=True, blank=True)
    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    content_json = models.TextField(_("content"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("preview snapshot")
        verbose_name_plural = _("preview snapshots")

    def __str__(self):
        return f"Preview of page {self.page_id} at {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def take(cls, page):
        cutoff = timezone.now() - timedelta(minutes=settings.PREVIEW_TOKEN_MAX_AGE)
        cls.objects.filter(created_at__lt=cutoff).delete()
        return cls.objects.create(
            page_id=page.pk,
            content_type=ContentType.objects.get_for_model(page.specific_class or page),
            content_json=page.to_json(),
        )

    def as_page(self):
        """The previewed page, in memory, with its unsaved relations (byline, topics)."""
        page = self.content_type.model_class().from_json(self.content_json)
        page.pk = page.id = self.page_id
        return page
