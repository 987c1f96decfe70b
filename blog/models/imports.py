from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.documents import get_document_model_string


class WordPressRecord(models.Model):
    """
    What one WordPress object in an export became here: a page, an image, a
    document (audio, video and other files) or a reader comment.

    A re-import finds its earlier work through these rows (by the export's
    site and the object's WordPress ID, which WordPress never reuses), so it
    updates in place instead of duplicating. ``fingerprint`` is a hash of
    what the importer last wrote; when the new one matches, the object is
    left alone, so an unchanged export adds no revision and no row. Deleting
    the page, image or comment deletes its record, and the next import
    brings the object back.
    """

    class Kind(models.TextChoices):
        POST = "post", _("post")
        PAGE = "page", _("page")
        ATTACHMENT = "attachment", _("attachment")
        AUTHOR = "author", _("author")
        COMMENT = "comment", _("comment")
        # A file a post plays or links (an audio, video or file block) that
        # is not among the export's attachments; known by its URL.
        FILE = "file", _("linked file")

    source = models.CharField(
        _("WordPress site"),
        max_length=255,
        help_text=_("The export's blog URL, e.g. 'https://example.com'."),
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    wp_id = models.CharField(
        _("WordPress ID"),
        max_length=100,
        help_text=_(
            "The post, attachment or comment ID; an author's login; a linked "
            "file's URL."
        ),
    )
    guid = models.CharField(_("GUID"), max_length=500, blank=True)
    page = models.ForeignKey(
        "wagtailcore.Page",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    image = models.ForeignKey(
        "images.NewsImage",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    document = models.ForeignKey(
        get_document_model_string(),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    comment = models.ForeignKey(
        "blog.ReaderComment",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    fingerprint = models.CharField(max_length=64, blank=True)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("WordPress import record")
        verbose_name_plural = _("WordPress import records")
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "wp_id"], name="unique_wordpress_record"
            )
        ]

    def __str__(self):
        return f"{self.source} {self.kind} {self.wp_id}"
