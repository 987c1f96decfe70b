"""
The JSON documents the Delivery API serves, built from page instances.

These are pure functions of a page (saved, or an unsaved preview instance
such as ``revision.as_object()``): they never look at the request's query
string and never decide what is visible. Callers pick which page to render;
related content (authors, linked articles) is included only when live.
"""

from functools import cached_property
from typing import Literal

from django.conf import settings

from blog.models import AuthorPage, StandardPage

from .body import BodySerializer, FrontendRichText
from .fields import DocumentField, Nested, render, summarise, summary_names
from .images import image_document
from .links import PageLinks, api_url, article_api_url, author_api_url
from .reuse import reused_many

LATEST_ARTICLES = 5


def _iso(value):
    return value.isoformat() if value else None


def _byline(page, links, request):
    """
    The byline's author cards in order: published bios only, each once, each
    in the article's edition where that bio is translated and live (a
    translation made with "Translate" keeps its source's byline, the English
    bios, and an Arabic reader should meet the Arabic bio). In a batch each
    author is read once.
    """
    ids = [link.author_id for link in page.article_authors.all() if link.author_id]
    if not ids:
        return []
    host = request.get_host() if request else None
    cards = reused_many(
        "author-card",
        [(author_id, page.locale_id, host) for author_id in ids],
        lambda keys: _author_cards(
            [author_id for author_id, _locale, _host in keys],
            page.locale_id,
            links,
            request,
        ),
    )
    ordered, seen = [], set()
    for card in cards.values():
        if card is not None and card["id"] not in seen:
            seen.add(card["id"])
            ordered.append(card)
    return ordered


def _author_cards(ids, locale_id, links, request):
    """
    ``{(id, locale_id, host): card or None}`` for the bios ``ids``: the card
    of the bio's live edition ``locale_id`` if there is one, else of the bio
    itself if live; ``None`` for a bio a reader cannot see.
    """
    host = request.get_host() if request else None
    readable = AuthorPage.objects.live().public().select_related("photo")
    live = readable.in_bulk(ids)
    keys = {author.translation_key for author in live.values()}
    in_edition = {
        author.translation_key: author
        for author in readable.filter(translation_key__in=keys, locale_id=locale_id)
    }
    cards = {}
    for author_id in ids:
        author = live.get(author_id)
        if author is not None:
            author = in_edition.get(author.translation_key, author)
        cards[author_id, locale_id, host] = (
            _author_card(author, links, request) if author is not None else None
        )
    return cards


def _section(page, links, request):
    parent = page.get_parent() if page.path else None
    if parent is None:
        return None
    return {
        "id": parent.pk,
        "title": parent.title,
        "slug": parent.slug,
        "api_url": api_url("articles/", request, section=parent.pk),
    }


def _author_card(author, links, request):
    return {
        "id": author.pk,
        "name": author.title,
        "slug": author.slug,
        "role": author.role,
        "short_bio": author.short_bio,
        "photo": image_document(author.photo, request=request),
        "url": links.url(author),
        "api_url": author_api_url(author.pk, request),
    }


def _topics(page, request):
    """The article's topics, named and ordered in the article's own edition."""
    named = [(topic.name_in(page.locale_id), topic) for topic in page.topics.all()]
    code = _locale(page)
    locale = None if code == settings.LANGUAGE_CODE else code
    return [
        {
            "name": name,
            "slug": topic.slug,
            "api_url": api_url("articles/", request, topic=topic.slug, locale=locale),
        }
        for name, topic in sorted(named, key=lambda pair: pair[0].casefold())
    ]


def _translations(page, links, request, api_url_for):
    """
    The page's other editions a reader may see: each live, public translation
    with its locale, title and where to find it (the site, the API). Stored
    with the document; publishing or withdrawing a translation re-renders
    every edition of the page (``signal_handlers``).
    """
    if page.translation_key is None:
        return []
    translations = (
        type(page)
        .objects.live()
        .public()
        .filter(translation_key=page.translation_key)
        .exclude(locale_id=page.locale_id)
        .select_related("locale")
        .order_by("locale__language_code")
    )
    return [
        {
            "locale": translation.locale.language_code,
            "title": translation.title,
            "path": links.path(translation),
            "url": links.url(translation),
            "api_url": api_url_for(translation.pk, request),
        }
        for translation in translations
    ]


def _locale(page):
    return page.locale.language_code


def _comments(page):
    if page.pk is None:
        return []
    return [
        {
            "id": comment.pk,
            "parent_id": comment.parent_id,
            "name": comment.name,
            "website": comment.public_website,
            "body": comment.body,
            "created_at": _iso(comment.created_at),
        }
        for comment in page.reader_comments.approved()
    ]


class ArticleRendering:
    """What the fields of one article read from: the page, and the helpers it needs."""

    def __init__(self, page, request=None):
        self.page = page
        self.request = request
        self.links = PageLinks(request)
        self.body = BodySerializer(self.links, request)

    @cached_property
    def url(self):
        return self.links.url(self.page)

    @cached_property
    def comments(self):
        return _comments(self.page)

    def image(self, image, caption=None):
        return image_document(image, caption=caption, request=self.request)


def correction_entry(entry):
    """One entry of an article's corrections log, as the API gives it."""
    return {
        "id": entry.pk,
        "type": entry.kind,
        "label": str(entry.get_kind_display()),
        "text": entry.text,
        "made_at": _iso(entry.made_at),
    }


def _source(page):
    if not (page.source_name or page.source_url):
        return None
    return {"name": page.source_name, "url": page.source_url}


def _seo(article):
    page = article.page
    return {
        "title": page.meta_title,
        "description": page.search_description,
        "canonical_url": page.canonical_url or article.url,
        "noindex": page.noindex,
        "social_image": article.image(page.social_image or page.hero_image),
    }


# An article's public fields, in the order documents list them. The detail
# carries them all; lists carry those with summary=True. See ``fields``, and
# docs/architecture.md for adding one.
ARTICLE_FIELDS = (
    DocumentField("id", int, lambda a: a.page.pk),
    DocumentField("type", Literal["article"], lambda a: "article"),
    DocumentField("title", str, lambda a: a.page.title),
    DocumentField("slug", str, lambda a: a.page.slug),
    DocumentField("path", str, lambda a: a.links.path(a.page)),
    DocumentField("url", str, lambda a: a.url),
    DocumentField("api_url", str, lambda a: article_api_url(a.page.pk, a.request)),
    DocumentField("locale", str, lambda a: _locale(a.page)),
    DocumentField(
        "translations",
        Nested("TranslationLinkSchema", many=True),
        lambda a: _translations(a.page, a.links, a.request, article_api_url),
        summary=False,
    ),
    DocumentField("standfirst", str, lambda a: a.page.standfirst),
    DocumentField(
        "display_date",
        str | None,
        lambda a: _iso(a.page.display_date or a.page.first_published_at),
    ),
    DocumentField(
        "first_published_at", str | None, lambda a: _iso(a.page.first_published_at)
    ),
    DocumentField(
        "last_published_at", str | None, lambda a: _iso(a.page.last_published_at)
    ),
    DocumentField(
        "section",
        Nested("SectionSchema", optional=True),
        lambda a: _section(a.page, a.links, a.request),
    ),
    DocumentField(
        "authors",
        Nested("BylineAuthorSchema", many=True),
        lambda a: _byline(a.page, a.links, a.request),
    ),
    DocumentField(
        "hero_image",
        Nested("ImageSchema", optional=True),
        lambda a: a.image(a.page.hero_image, caption=a.page.hero_caption or None),
    ),
    DocumentField(
        "topics",
        Nested("TopicLinkSchema", many=True),
        lambda a: _topics(a.page, a.request),
    ),
    DocumentField(
        "source", Nested("SourceSchema", optional=True), lambda a: _source(a.page)
    ),
    DocumentField("updated_at", str | None, lambda a: _iso(a.page.updated_at)),
    DocumentField("word_count", int, lambda a: a.page.word_count),
    DocumentField("reading_time", int, lambda a: a.page.reading_time),
    DocumentField("seo", Nested("SeoSchema"), _seo, summary=False),
    DocumentField(
        "body",
        Nested("BodyBlock", many=True),
        lambda a: a.body.blocks(a.page.body),
        summary=False,
    ),
    DocumentField("body_html", str, lambda a: a.body.html(a.page.body), summary=False),
    DocumentField(
        "corrections",
        Nested("CorrectionSchema", many=True),
        lambda a: [correction_entry(entry) for entry in a.page.corrections_log],
        summary=False,
    ),
    DocumentField(
        "comments",
        Nested("CommentSchema", many=True),
        lambda a: a.comments,
        summary=False,
    ),
    DocumentField("comment_count", int, lambda a: len(a.comments)),
)
ARTICLE_SUMMARY_FIELDS = summary_names(ARTICLE_FIELDS)


def article_document(page, *, request=None):
    """The full representation of an ``ArticlePage``: what ``articles/{id}/`` returns."""
    return render(ARTICLE_FIELDS, ArticleRendering(page, request))


def article_summary(document):
    """The list form of an article document: the detail without the heavy parts."""
    return summarise(ARTICLE_FIELDS, document)


class AuthorRendering:
    """What the fields of one author bio read from: the page, and its helpers."""

    def __init__(self, page, request=None, *, latest_articles=True):
        self.page = page
        self.request = request
        self.links = PageLinks(request)
        self.with_articles = latest_articles and page.pk is not None

    @cached_property
    def articles(self):
        return self.page.live_articles()

    def article_count(self):
        return self.articles.count() if self.with_articles else None

    def latest_articles(self):
        if not self.with_articles:
            return []
        return [
            article_summary(article_document(article, request=self.request))
            for article in self.articles[:LATEST_ARTICLES]
        ]


# An author bio's public fields, in document order (see ``ARTICLE_FIELDS``).
# The article count and latest articles are read from the article documents
# when the API answers (stored=False), so publishing an article never
# rewrites its authors' documents.
AUTHOR_FIELDS = (
    DocumentField("id", int, lambda a: a.page.pk),
    DocumentField("type", Literal["author"], lambda a: "author"),
    DocumentField("name", str, lambda a: a.page.title),
    DocumentField("slug", str, lambda a: a.page.slug),
    DocumentField("path", str, lambda a: a.links.path(a.page)),
    DocumentField("url", str, lambda a: a.links.url(a.page)),
    DocumentField("api_url", str, lambda a: author_api_url(a.page.pk, a.request)),
    DocumentField("locale", str, lambda a: _locale(a.page)),
    DocumentField(
        "translations",
        Nested("TranslationLinkSchema", many=True),
        lambda a: _translations(a.page, a.links, a.request, author_api_url),
        summary=False,
    ),
    DocumentField("role", str, lambda a: a.page.role),
    DocumentField("short_bio", str, lambda a: a.page.short_bio),
    DocumentField(
        "bio_html", str, lambda a: body_rich_text(a.page.bio, a.links), summary=False
    ),
    DocumentField(
        "photo",
        Nested("ImageSchema", optional=True),
        lambda a: image_document(a.page.photo, request=a.request),
    ),
    DocumentField("website", str, lambda a: a.page.website),
    DocumentField(
        "links",
        Nested("AuthorLinkSchema", many=True),
        lambda a: [
            {"platform": link.platform, "url": link.url} for link in a.page.links.all()
        ],
    ),
    DocumentField(
        "article_count",
        int,
        lambda a: a.article_count(),
        summary=False,
        stored=False,
    ),
    DocumentField(
        "latest_articles",
        Nested("ArticleSummarySchema", many=True),
        lambda a: a.latest_articles(),
        summary=False,
        stored=False,
    ),
    DocumentField(
        "articles_url",
        str,
        lambda a: api_url("articles/", a.request, author=a.page.pk),
    ),
)


def author_document(page, *, request=None, latest_articles=True):
    """
    The full representation of an ``AuthorPage``: what ``authors/{id}/`` returns.

    ``latest_articles=False`` leaves out the author's latest articles and
    their count (``None``), e.g. for a preview, or when the caller fills them
    in from stored article documents.
    """
    return render(
        AUTHOR_FIELDS, AuthorRendering(page, request, latest_articles=latest_articles)
    )


def stored_author_document(page):
    """An author's document as stored: without the fields filled in at request time."""
    return render(
        AUTHOR_FIELDS,
        AuthorRendering(page, latest_articles=False),
        stored_only=True,
    )


def author_summary(document):
    """The list form of an author document."""
    return summarise(AUTHOR_FIELDS, document)


def body_rich_text(source, links):
    return FrontendRichText(links)(source)


def standard_page_document(page, *, request=None):
    """
    A standard page (About, Contact, Corrections policy) as ``find/`` gives
    it: the page's own fields and its body, typed like an article's.
    """
    links = PageLinks(request)
    body = BodySerializer(links, request)
    return {
        "id": page.pk,
        "type": "standard",
        "title": page.title,
        "slug": page.slug,
        "path": links.path(page),
        "url": links.url(page),
        "intro": page.intro,
        "last_published_at": _iso(page.last_published_at),
        "body": body.blocks(page.body),
        "body_html": body.html(page.body),
        "seo": {
            "title": page.meta_title,
            "description": page.search_description,
            "canonical_url": page.canonical_url or links.url(page),
            "noindex": page.noindex,
        },
    }


def page_document(page, *, request=None):
    """
    A small document for a public page that is neither article nor author
    (the home page, a section, the authors index), so ``find/`` can route
    any URL of the site.
    """
    specific = page.specific
    if isinstance(specific, StandardPage):
        return standard_page_document(specific, request=request)
    links = PageLinks(request)
    model = type(specific)._meta.model_name
    page_type = {
        "homepage": "home",
        "articleindexpage": "section",
        "authorindexpage": "author_index",
    }.get(model, "page")
    document = {
        "id": page.pk,
        "type": page_type,
        "title": page.title,
        "slug": page.slug,
        "path": links.path(page),
        "url": links.url(page),
        "intro_html": body_rich_text(getattr(specific, "intro", ""), links),
        "seo": {
            "title": getattr(specific, "meta_title", page.title),
            "description": page.search_description,
            "canonical_url": links.url(page),
            "noindex": getattr(specific, "noindex", False),
        },
    }
    if page_type == "section":
        document["articles_url"] = api_url("articles/", request, section=page.pk)
    elif page_type == "author_index":
        document["authors_url"] = api_url("authors/", request)
    else:
        document["articles_url"] = api_url("articles/", request)
    return document


__all__ = [
    "ARTICLE_FIELDS",
    "ARTICLE_SUMMARY_FIELDS",
    "AUTHOR_FIELDS",
    "article_document",
    "article_summary",
    "author_document",
    "author_summary",
    "correction_entry",
    "page_document",
    "standard_page_document",
    "stored_author_document",
]
