"""
An article's corrections and updates: the newsroom's public record of what
it changed in a story after publication, and why.

Each entry belongs to the article's page (a ``ParentalKey``), so it is saved
in the article's revisions: a correction is drafted, submitted and approved
with the article like any other change, and it reaches readers only when the
revision carrying it is published.
"""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.models import Orderable


class CorrectionKind(models.TextChoices):
    """What sort of change a log entry records, as readers see it labelled."""

    CORRECTION = "correction", _("Correction")
    CLARIFICATION = "clarification", _("Clarification")
    UPDATE = "update", _("Update")
    EDITORS_NOTE = "editors_note", _("Editor's note")


class ArticleCorrection(Orderable):
    """
    One entry of an article's corrections log: its kind, what it says, and
    when the change was made (which readers see, and which is not the
    article's display date).
    """

    page = ParentalKey(
        "blog.ArticlePage", on_delete=models.CASCADE, related_name="corrections"
    )
    kind = models.CharField(
        _("type"),
        max_length=20,
        choices=CorrectionKind.choices,
        default=CorrectionKind.CORRECTION,
    )
    text = models.TextField(
        _("text"),
        max_length=2000,
        help_text=_(
            "What was changed and why, e.g. 'An earlier version of this article "
            "misstated the number of polling stations.'"
        ),
    )
    made_at = models.DateTimeField(
        _("made at"),
        default=timezone.now,
        db_index=True,
        help_text=_("When the change was made; readers see this time."),
    )

    panels = [FieldPanel("kind"), FieldPanel("text"), FieldPanel("made_at")]
    api_fields = [
        APIField("kind", writable=True),
        APIField("text", writable=True),
        APIField("made_at", writable=True),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("correction or update")
        verbose_name_plural = _("corrections and updates")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.text[:60]}"
