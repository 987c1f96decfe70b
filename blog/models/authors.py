from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page
from wagtail.search import index

from blog.pagination import paginate
from blog.permissions import NewsroomPermissions
from cms.preview.mixins import FrontendPreviewMixin
from home.seo import SeoFields

from .expiry import ExpiresWhenRead


class AuthorPage(
    NewsroomPermissions, ExpiresWhenRead, FrontendPreviewMixin, SeoFields, Page
):
    """
    An author's bio: the "About ..." box under their articles and their own page.

    The page title is the author's display name. The page lists their live
    articles, newest first ("View all posts by ..."). It may be linked to the
    Wagtail account of a writer, so the admin can show "my articles"; the
    account's e-mail address is never part of the bio.
    """

    parent_page_types = ["blog.AuthorIndexPage"]
    subpage_types = []
    articles_per_page = 10
    # One bio per account: a copy (a translation into another edition, a
    # duplicate) is not linked to the writer's account; the default edition's
    # bio is the account's.
    exclude_fields_in_copy = ["user"]

    role = models.CharField(
        _("role"), max_length=255, blank=True, help_text=_("e.g. 'Feature writer'")
    )
    photo = models.ForeignKey(
        "images.NewsImage",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    short_bio = models.TextField(
        _("short bio"),
        max_length=400,
        blank=True,
        help_text=_("A sentence or two of plain text, shown with the byline."),
    )
    bio = RichTextField(
        _("full bio"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    website = models.URLField(_("website"), blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("Wagtail account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="author_profile",
        help_text=_("The writer's login, when the author also writes in this CMS."),
    )

    content_panels = [
        FieldPanel("title", heading=_("Display name")),
        FieldPanel("role"),
        FieldPanel("photo"),
        FieldPanel("short_bio"),
        FieldPanel("bio"),
        MultiFieldPanel(
            [FieldPanel("website"), InlinePanel("links", label=_("Social links"))],
            heading=_("Links"),
        ),
        FieldPanel("user", permission="blog.change_authorpage_user"),
    ]

    # The display name weighs like an article's headline (see ArticlePage).
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("role", boost=5),
        index.SearchField("short_bio", boost=2),
        index.SearchField("bio", boost=1),
        index.FilterField("expire_at"),
    ]

    # The Editorial API (Wagtail's v3 API): the bio's editable fields.
    api_fields = [
        APIField("role", writable=True),
        APIField("photo", writable=True),
        APIField("short_bio", writable=True),
        APIField("bio", writable=True),
        APIField("website", writable=True),
        APIField("links", writable=True),
    ]

    class Meta:
        verbose_name = _("author")
        verbose_name_plural = _("authors")
        permissions = [
            ("change_authorpage_user", _("Can link an author bio to a user account")),
        ]

    @property
    def display_name(self):
        return self.title

    def live_articles(self):
        """This author's live, public articles, newest first."""
        from .articles import ArticlePage

        return (
            ArticlePage.objects.readable()
            .by_author(self)
            .newest_first()
            .with_listing_relations()
            .distinct()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["articles"] = paginate(
            request, self.live_articles(), self.articles_per_page
        )
        return context


class AuthorLink(Orderable):
    """A link on an author's bio: their profile on a social network, or elsewhere."""

    class Platform(models.TextChoices):
        X = "x", "X (Twitter)"
        MASTODON = "mastodon", "Mastodon"
        BLUESKY = "bluesky", "Bluesky"
        LINKEDIN = "linkedin", "LinkedIn"
        INSTAGRAM = "instagram", "Instagram"
        OTHER = "other", _("Other")

    page = ParentalKey(AuthorPage, on_delete=models.CASCADE, related_name="links")
    platform = models.CharField(_("platform"), max_length=20, choices=Platform.choices)
    url = models.URLField(_("URL"))

    panels = [FieldPanel("platform"), FieldPanel("url")]
    api_fields = [APIField("platform", writable=True), APIField("url", writable=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("author link")
        verbose_name_plural = _("author links")
