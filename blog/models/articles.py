from django import forms
from django.contrib import messages
from django.db import models
from django.db.models import prefetch_related_objects
from django.db.models.functions import Coalesce
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from modelcluster.contrib.taggit import ClusterTaggableManager
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from taggit.models import ItemBase, TagBase
from taggit.utils import parse_tags
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    InlinePanel,
    MultiFieldPanel,
    MultipleChooserPanel,
)
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page, PageManager, PageQuerySet
from wagtail.search import index

from blog.blocks import ArticleBodyBlock
from blog.editor_aids import HeadlineInput, single_line
from blog.forms import ReaderCommentForm, commenter_ip, count_comment_attempt
from blog.permissions import NewsroomPermissions
from blog.text import count_words, reading_minutes, stream_plain_text
from cms.preview.mixins import FrontendPreviewMixin
from home.seo import SeoFields

from .comments import MAX_THREAD_DEPTH, CommentThreads, ReaderComment
from .expiry import ExpiresWhenRead, unexpired


class Topic(ClusterableModel, TagBase):
    """
    A subject an article is filed under ("Syria", "Elections").

    Kept apart from image tags so that topic pages, feeds and the API's topic
    list show only editorial subjects. One topic serves every edition: its
    ``name`` is the default edition's, and ``names`` give it in the others
    ("سوريا" for Arabic), so an article and its translations stay filed
    under the same topic and its slug (its address) is the same everywhere.
    """

    # Editors curate topics (Topics in the admin menu); writers choose from
    # them and cannot coin new ones from the article form.
    free_tagging = False

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def name_in(self, locale_id):
        """
        The topic's name in the edition ``locale_id``, else its own name.
        Reads ``names`` through ``all()``, so a prefetch serves it.
        """
        for translated in self.names.all():
            if translated.locale_id == locale_id:
                return translated.name
        return self.name


class TopicName(Orderable):
    """A topic's name in one edition other than the default."""

    topic = ParentalKey(Topic, related_name="names", on_delete=models.CASCADE)
    locale = models.ForeignKey(
        "wagtailcore.Locale",
        verbose_name=_("edition"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    name = models.CharField(_("name"), max_length=100)

    panels = [FieldPanel("locale"), FieldPanel("name")]

    class Meta(Orderable.Meta):
        verbose_name = _("name in another edition")
        verbose_name_plural = _("names in other editions")
        constraints = [
            models.UniqueConstraint(
                fields=["topic", "locale"], name="one_topic_name_per_edition"
            )
        ]

    def __str__(self):
        return self.name


class ArticleTopic(ItemBase):
    """The link between an article and one of its topics."""

    tag = models.ForeignKey(
        Topic, related_name="tagged_articles", on_delete=models.CASCADE
    )
    content_object = ParentalKey(
        "blog.ArticlePage", related_name="tagged_topics", on_delete=models.CASCADE
    )


class ArticleQuerySet(PageQuerySet):
    def readable(self):
        """Live, public and not expired: what a reader may see now."""
        return self.live().public().filter(unexpired())

    def with_sort_date(self):
        """Annotate ``sort_date``: the display date, or first publication if none was set."""
        return self.annotate(sort_date=Coalesce("display_date", "first_published_at"))

    def newest_first(self):
        return self.with_sort_date().order_by("-sort_date", "-pk")

    def by_author(self, author):
        return self.filter(article_authors__author=author)

    def with_listing_relations(self):
        """Fetch what a listing card shows in a constant number of queries."""
        return self.select_related("hero_image").prefetch_related(
            "article_authors__author", "tagged_topics__tag__names"
        )


ArticleManager = PageManager.from_queryset(ArticleQuerySet)


class TopicChoiceField(forms.ModelMultipleChoiceField):
    """
    Curated topics by name. Also reads what the tag field took, "Syria, Iraq"
    in one value, and an empty value as none, so existing clients and the
    Editorial API keep working; a name that is not a topic is an error.
    """

    def clean(self, value):
        values = [value] if isinstance(value, str) else list(value or [])
        # A page created without topics sends none (None), not a topic named "None".
        names = [
            name
            for item in values
            if item is not None
            for name in parse_tags(str(item))
        ]
        return super().clean(names)


def load_topics(article):
    """
    Fetch an article's topics in one query before its form reads them.

    The tag field reads each topic through its link, one query per topic,
    whether the links come from the database or from the revision being
    edited (links held in memory, knowing only the topic's id).
    """
    links = article.tagged_topics
    if not links.is_deferring:
        prefetch_related_objects([article], "tagged_topics__tag")
        return
    pending = [link for link in links.all() if not ArticleTopic.tag.is_cached(link)]
    topics = Topic.objects.in_bulk({link.tag_id for link in pending})
    for link in pending:
        if link.tag_id in topics:
            link.tag = topics[link.tag_id]


class ArticlePageForm(WagtailAdminPageForm):
    """
    The article editor's form: topics are checkboxes of the curated topics,
    each with its label, instead of a free-text tag field; the headline wraps
    as it grows instead of hiding its end.
    """

    def __init__(self, *args, **kwargs):
        instance = kwargs.get("instance")
        if instance is not None and instance.pk is not None:
            load_topics(instance)
        super().__init__(*args, **kwargs)
        if "title" in self.fields:
            # Keeps the attributes Wagtail set (the slug follows the title).
            self.fields["title"].widget = HeadlineInput(
                attrs=self.fields["title"].widget.attrs
            )
        if "topics" in self.fields:
            # Named by topic name, as the tag field was: the Editorial API
            # validates writes with this form and sends names.
            self.fields["topics"] = TopicChoiceField(
                queryset=Topic.objects.order_by("name"),
                to_field_name="name",
                required=False,
                widget=forms.CheckboxSelectMultiple,
                label=_("Topics"),
                help_text=_("Editors add new topics under Topics in the menu."),
            )

    def clean_title(self):
        return single_line(self.cleaned_data["title"])


class ArticlePage(
    NewsroomPermissions, ExpiresWhenRead, FrontendPreviewMixin, SeoFields, Page
):
    """
    A news story: headline, standfirst, hero image, body, byline and source.

    The byline is an ordered list of ``AuthorPage`` bios, so a story can have
    several authors and each links to "View all posts by ...". Word count and
    reading time are computed whenever the page is cleaned, which Wagtail does
    on every save and revision, so they are never stale.
    """

    parent_page_types = ["blog.ArticleIndexPage"]
    subpage_types = []
    og_type = "article"

    standfirst = models.TextField(
        _("standfirst"),
        max_length=600,
        blank=True,
        help_text=_("One or two sentences under the headline that sum up the story."),
    )
    hero_image = models.ForeignKey(
        "images.NewsImage",
        verbose_name=_("hero image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hero_caption = models.CharField(
        _("hero caption"),
        max_length=500,
        blank=True,
        help_text=_("Leave blank to use the image's own caption."),
    )
    body = StreamField(ArticleBodyBlock(), blank=True, verbose_name=_("body"))
    topics = ClusterTaggableManager(
        through=ArticleTopic, blank=True, verbose_name=_("topics")
    )
    source_name = models.CharField(
        _("original source"),
        max_length=255,
        blank=True,
        help_text=_(
            "The publication this story first appeared in, e.g. 'www.jpost.com'."
        ),
    )
    source_url = models.URLField(_("original source URL"), blank=True)
    display_date = models.DateTimeField(
        _("display date"),
        null=True,
        blank=True,
        help_text=_(
            "The date readers see. Leave blank to use the first publication date."
        ),
    )
    word_count = models.PositiveIntegerField(_("word count"), default=0, editable=False)

    base_form_class = ArticlePageForm

    content_panels = [
        *Page.content_panels,
        FieldPanel("standfirst"),
        MultipleChooserPanel(
            "article_authors",
            label=_("Authors"),
            chooser_field_name="author",
            min_num=0,
        ),
        MultiFieldPanel(
            [FieldPanel("hero_image"), FieldPanel("hero_caption")],
            heading=_("Hero image"),
        ),
        FieldPanel("body"),
        FieldPanel("topics"),
        MultiFieldPanel(
            [FieldPanel("source_name"), FieldPanel("source_url")],
            heading=_("Original source"),
        ),
        FieldPanel("display_date"),
        InlinePanel(
            "corrections",
            heading=_("Corrections and updates"),
            label=_("Correction or update"),
            help_text=_(
                "Published with the article after review, shown to readers "
                "at its foot and in the newsroom's corrections log."
            ),
        ),
    ]

    # Weights for relevance: headline, then standfirst and topics, then body,
    # then the byline. The boosts map onto PostgreSQL's four weights A-D
    # (images use 10 for their titles too), so keep to 10, 5, 2 and 1.
    search_fields = [
        *Page.search_fields,
        index.SearchField("title", boost=10),
        index.SearchField("standfirst", boost=5),
        index.SearchField("body", boost=2),
        index.RelatedFields("topics", [index.SearchField("name", boost=5)]),
        index.RelatedFields(
            "article_authors",
            [
                index.RelatedFields(
                    "author",
                    [
                        # Not "title": the backend would weigh it as the headline.
                        index.SearchField("display_name", boost=1),
                        index.AutocompleteField("display_name"),
                    ],
                )
            ],
        ),
        index.FilterField("display_date"),
        index.FilterField("first_published_at"),
        index.FilterField("expire_at"),
    ]

    # The Editorial API (Wagtail's v3 API): what a writer reads and edits.
    api_fields = [
        APIField("standfirst", writable=True),
        APIField("article_authors", writable=True),
        APIField("hero_image", writable=True),
        APIField("hero_caption", writable=True),
        APIField("body", writable=True),
        APIField("topics", writable=True),
        APIField("source_name", writable=True),
        APIField("source_url", writable=True),
        APIField("display_date", writable=True),
        APIField("corrections", writable=True),
        APIField("word_count"),
    ]

    objects = ArticleManager()

    class Meta:
        verbose_name = _("article")
        verbose_name_plural = _("articles")

    @property
    def date(self):
        return (
            self.display_date
            or self.first_published_at
            or self.latest_revision_created_at
        )

    @property
    def corrections_log(self):
        """The corrections and updates in the order they were made."""
        return sorted(
            self.corrections.all(), key=lambda entry: (entry.made_at, entry.pk or 0)
        )

    @property
    def updated_at(self):
        """When the newest correction or update was made, or None: not the display date."""
        log = self.corrections_log
        return log[-1].made_at if log else None

    @property
    def reading_time(self):
        return reading_minutes(self.word_count)

    @property
    def plain_text(self):
        return stream_plain_text(self.body)

    @property
    def hero_caption_text(self):
        if self.hero_caption:
            return self.hero_caption
        return self.hero_image.caption if self.hero_image else ""

    @cached_property
    def authors(self):
        """The byline's author bios in their editorial order, each once."""
        seen = {}
        for link in self.article_authors.all():
            if link.author_id and link.author_id not in seen:
                seen[link.author_id] = link.author
        return list(seen.values())

    def clean(self):
        super().clean()
        self.word_count = count_words(self.plain_text)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        threads = (
            ReaderComment.objects.threads(self.pk)
            if self.pk
            else CommentThreads(0, 0, [])
        )
        form = kwargs.get("comment_form")
        if form is None:
            reply_to = request.GET.get("replytocom", "")
            form = ReaderCommentForm(
                article_id=self.pk,
                initial={"parent": reply_to} if reply_to.isdigit() else {},
            )
        parent_id = form["parent"].value()
        context["comment_form"] = form
        context["comment_threads"] = threads
        context["comments"] = threads.comments
        context["comment_max_depth"] = MAX_THREAD_DEPTH
        context["replying_to"] = (
            ReaderComment.objects.approved()
            .filter(article_id=self.pk, pk=parent_id)
            .first()
            if str(parent_id or "").isdigit()
            else None
        )
        return context

    def serve(self, request, *args, **kwargs):
        """Accept a reader's comment by POST; it waits for moderation before it shows."""
        if request.method == "POST" and not getattr(request, "is_preview", False):
            form = ReaderCommentForm(request.POST, article_id=self.pk)
            verdict = count_comment_attempt(request)
            if not verdict.allowed:
                form.is_valid()
                form.add_error(
                    None,
                    _(
                        "You are commenting too quickly. Please try again in "
                        "%(seconds)d seconds."
                    )
                    % {"seconds": verdict.retry_after},
                )
                response = super().serve(request, *args, comment_form=form, **kwargs)
                response.status_code = 429
                response["Retry-After"] = str(verdict.retry_after)
                return response
            if form.is_valid():
                form.submit(ip_address=commenter_ip(request))
                messages.success(
                    request,
                    _(
                        "Thank you. Your comment will appear once an editor approves it."
                    ),
                )
                # To the top of the page's content, where the thank-you
                # message is shown; "#comments" scrolled past it.
                return redirect(self.get_url(request) + "#main")
            return super().serve(request, *args, comment_form=form, **kwargs)
        return super().serve(request, *args, **kwargs)


class ArticleAuthor(Orderable):
    """One author in an article's byline; the order is the byline's order."""

    page = ParentalKey(
        ArticlePage, on_delete=models.CASCADE, related_name="article_authors"
    )
    author = models.ForeignKey(
        "blog.AuthorPage",
        on_delete=models.CASCADE,
        related_name="article_links",
        verbose_name=_("author"),
    )

    panels = [FieldPanel("author")]
    api_fields = [APIField("author", writable=True)]

    class Meta(Orderable.Meta):
        verbose_name = _("article author")
        verbose_name_plural = _("article authors")
