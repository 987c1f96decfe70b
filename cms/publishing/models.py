from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class DeliveryDocument(models.Model):
    """
    The Delivery API's rendering of one live, public article or author bio.

    Built when the page is published (and when something it shows changes:
    an author bio, an image's caption), removed when it is unpublished or
    deleted. Reads concatenate ``summary`` or ``detail`` as stored bytes, so
    a list costs one indexed query whatever its length. Filtering by author
    or topic joins the page's own relation tables, which hold the live
    version of those relations.
    """

    class PageType(models.TextChoices):
        ARTICLE = "article", _("Article")
        AUTHOR = "author", _("Author")

    page_id = models.PositiveIntegerField(_("page id"), primary_key=True)
    page_type = models.CharField(
        _("page type"), max_length=10, choices=PageType.choices
    )
    live_path = models.CharField(
        _("path"),
        max_length=1024,
        help_text=_("The URL path relative to the site root."),
    )
    locale = models.CharField(
        _("locale"),
        max_length=20,
        default="",
        help_text=_("The language code of the page's edition, e.g. en-gb or ar."),
    )
    translation_key = models.UUIDField(
        _("translation key"),
        null=True,
        help_text=_(
            "Shared by a page and its translations (Wagtail's translation_key)."
        ),
    )
    slug = models.SlugField(_("slug"), max_length=255, allow_unicode=True)
    title = models.CharField(_("title"), max_length=255)
    # The display date, else the first publication: what lists, cursors and
    # search's slices of the archive order by.
    sort_date = models.DateTimeField(_("sort date"))
    section_id = models.PositiveIntegerField(_("section id"), null=True)
    expire_at = models.DateTimeField(
        _("expires at"),
        null=True,
        help_text=_(
            "Hidden from this moment, even before the scheduler unpublishes it."
        ),
    )
    url_path = models.CharField(
        _("tree path"),
        max_length=1024,
        help_text=_("Wagtail's url_path, used to find documents under a moved page."),
    )
    summary = models.TextField(_("summary JSON"))
    detail = models.TextField(_("detail JSON"))
    etag = models.CharField(_("ETag"), max_length=64)
    last_modified = models.DateTimeField(_("last modified"))
    # PostgreSQL's full-text search reads these (see search.entries); SQLite
    # keeps its entries in search's own FTS5 table, and leaves them empty.
    search_vector = SearchVectorField(_("search vector"), null=True, editable=False)
    rank_vector = SearchVectorField(_("rank vector"), null=True, editable=False)
    # NULL, not "", until the search entry is written: the generator and
    # ``update_search_entries`` find the documents stored before it existed.
    search_text = models.TextField(  # noqa: DJ001
        _("search text"),
        null=True,
        editable=False,
        help_text=_("Standfirst and body as plain text, for search snippets."),
    )

    class Meta:
        verbose_name = _("delivery document")
        verbose_name_plural = _("delivery documents")
        indexes = [
            # Lists walk these in order. With ``expire_at`` included, a page
            # deep in the archive steps over the rows before it in the index
            # alone (PostgreSQL; other databases ignore ``include``).
            models.Index(
                fields=["page_type", "-sort_date", "-page_id"],
                include=["expire_at"],
                name="delivery_newest",
            ),
            models.Index(
                fields=["page_type", "title", "page_id"],
                include=["expire_at"],
                name="delivery_title",
            ),
            models.Index(fields=["live_path"], name="delivery_path"),
            models.Index(fields=["page_type", "slug"], name="delivery_slug"),
            # Lists count what a reader may see now; with this index the count
            # reads the index alone instead of every (wide) document row.
            models.Index(fields=["page_type", "expire_at"], name="delivery_visible"),
            # Every list reads one edition: the newest first, and its count.
            models.Index(
                fields=["page_type", "locale", "-sort_date", "-page_id"],
                name="delivery_edition_newest",
            ),
            models.Index(
                fields=["page_type", "locale", "expire_at"],
                name="delivery_edition_visible",
            ),
            models.Index(fields=["translation_key"], name="delivery_translations"),
        ]

    def __str__(self):
        return f"{self.page_type} {self.page_id}: {self.title}"
