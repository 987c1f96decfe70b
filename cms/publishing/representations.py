"""
The JSON documents the Delivery API serves, built from page instances.

These are pure functions of a page (saved, or an unsaved preview instance
such as ``revision.as_object()``): they never look at the request's query
string and never decide what is visible. Callers pick which page to render;
related content (authors, linked articles) is included only when live.
"""

from blog.models import AuthorPage

from .body import BodySerializer, FrontendRichText
from .images import image_document
from .links import PageLinks, api_url, article_api_url, author_api_url

LATEST_ARTICLES = 5
ARTICLE_DETAIL_ONLY = ("body", "body_html", "comments", "seo")
AUTHOR_DETAIL_ONLY = ("bio_html", "latest_articles")


def _iso(value):
    return value.isoformat() if value else None


def _live_authors(page):
    """The byline's authors in order, published bios only, each once."""
    links = list(page.article_authors.all())
    ids = [link.author_id for link in links if link.author_id]
    if not ids:
        return []
    live = AuthorPage.objects.live().public().select_related("photo").in_bulk(ids)
    ordered = []
    for author_id in ids:
        if author_id in live and live[author_id] not in ordered:
            ordered.append(live[author_id])
    return ordered


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
    return [
        {
            "name": topic.name,
            "slug": topic.slug,
            "api_url": api_url("articles/", request, topic=topic.slug),
        }
        for topic in sorted(page.topics.all(), key=lambda topic: topic.name.lower())
    ]


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


def article_document(page, *, request=None):
    """The full representation of an ``ArticlePage``: what ``articles/{id}/`` returns."""
    links = PageLinks(request)
    body = BodySerializer(links, request)
    url = links.url(page)
    hero = image_document(
        page.hero_image, caption=page.hero_caption or None, request=request
    )
    comments = _comments(page)
    return {
        "id": page.pk,
        "type": "article",
        "title": page.title,
        "slug": page.slug,
        "path": links.path(page),
        "url": url,
        "api_url": article_api_url(page.pk, request),
        "standfirst": page.standfirst,
        "display_date": _iso(page.display_date or page.first_published_at),
        "first_published_at": _iso(page.first_published_at),
        "last_published_at": _iso(page.last_published_at),
        "section": _section(page, links, request),
        "authors": [
            _author_card(author, links, request) for author in _live_authors(page)
        ],
        "hero_image": hero,
        "topics": _topics(page, request),
        "source": {"name": page.source_name, "url": page.source_url}
        if page.source_name or page.source_url
        else None,
        "word_count": page.word_count,
        "reading_time": page.reading_time,
        "seo": {
            "title": page.meta_title,
            "description": page.search_description,
            "canonical_url": page.canonical_url or url,
            "noindex": page.noindex,
            "social_image": image_document(
                page.social_image or page.hero_image, request=request
            ),
        },
        "body": body.blocks(page.body),
        "body_html": body.html(page.body),
        "comments": comments,
        "comment_count": len(comments),
    }


def article_summary(document):
    """The list form of an article document: the detail without the heavy parts."""
    return {
        key: value for key, value in document.items() if key not in ARTICLE_DETAIL_ONLY
    }


def author_document(page, *, request=None, latest_articles=True):
    """
    The full representation of an ``AuthorPage``: what ``authors/{id}/`` returns.

    ``latest_articles=False`` leaves out the author's latest articles and
    their count (``None``), e.g. for a preview, or when the caller fills them
    in from stored article documents.
    """
    links = PageLinks(request)
    document = {
        "id": page.pk,
        "type": "author",
        "name": page.title,
        "slug": page.slug,
        "path": links.path(page),
        "url": links.url(page),
        "api_url": author_api_url(page.pk, request),
        "role": page.role,
        "short_bio": page.short_bio,
        "bio_html": body_rich_text(page.bio, links),
        "photo": image_document(page.photo, request=request),
        "website": page.website,
        "links": [
            {"platform": link.platform, "url": link.url} for link in page.links.all()
        ],
        "article_count": None,
        "latest_articles": [],
        "articles_url": api_url("articles/", request, author=page.pk),
    }
    if latest_articles and page.pk is not None:
        articles = page.live_articles()
        document["article_count"] = articles.count()
        document["latest_articles"] = [
            article_summary(article_document(article, request=request))
            for article in articles[:LATEST_ARTICLES]
        ]
    return document


def author_summary(document):
    """The list form of an author document."""
    return {
        key: value for key, value in document.items() if key not in AUTHOR_DETAIL_ONLY
    }


def body_rich_text(source, links):
    return FrontendRichText(links)(source)


def page_document(page, *, request=None):
    """
    A small document for a public page that is neither article nor author
    (the home page, a section, the authors index), so ``find/`` can route
    any URL of the site.
    """
    links = PageLinks(request)
    specific = page.specific
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
    "article_document",
    "article_summary",
    "author_document",
    "author_summary",
    "page_document",
]
