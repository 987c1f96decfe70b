from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from blog.models import ArticleAuthor
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.editions import edition
from cms.publishing.links import api_url
from cms.publishing.reading import visible
from cms.publishing.representations import LATEST_ARTICLES

from ..paging import MAX_LIMIT, envelope
from ..params import Locale
from ..schemas.authors import AuthorListSchema, AuthorSchema

router = Router(tags=["authors"])


def author_payload(queryset):
    """
    The stored bio plus its live articles, read from the article documents:
    three queries, and no author document to rewrite when an article changes.
    """
    row = queryset.values_list("page_id", "detail").first()
    if row is None:
        raise Http404("No published author here.")
    page_id, detail = row
    articles = visible("article").filter(
        page_id__in=ArticleAuthor.objects.filter(author_id=page_id).values("page_id")
    )
    latest = list(
        articles.order_by("-sort_date", "-page_id").values_list("summary", flat=True)[
            :LATEST_ARTICLES
        ]
    )
    count = len(latest) if len(latest) < LATEST_ARTICLES else articles.count()
    body = (
        detail[:-1]
        + f',"article_count":{count},"latest_articles":['
        + ",".join(latest)
        + "]}"
    )
    return Payload(body, last_change())


@router.get(
    "/",
    response=AuthorListSchema,
    url_name="author_list",
    summary="List live authors",
    description=(
        "Alphabetical by name, paginated with `limit` and `offset`, in one "
        "edition: `locale` (default: the default edition)."
    ),
    operation_id="authors_list",
)
@cached_endpoint
def list_authors(
    request: HttpRequest,
    locale: Locale = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    wanted = edition(locale)
    queryset = visible("author").filter(locale=wanted).order_by("title", "page_id")
    count = queryset.count()
    results = list(queryset.values_list("summary", flat=True)[offset : offset + limit])
    next_link = (
        api_url("authors/", limit=limit, offset=offset + limit)
        if offset + limit < count
        else None
    )
    previous = (
        api_url("authors/", limit=limit, offset=max(offset - limit, 0) or None)
        if offset
        else None
    )
    body = envelope({"count": count, "next": next_link, "previous": previous}, results)
    return Payload(body, last_change())


@router.get(
    "/by-slug/{slug}/",
    response=AuthorSchema,
    url_name="author_by_slug",
    summary="Find a live author by slug",
    description="In the edition `locale` names (default: the default edition).",
    operation_id="authors_by_slug",
)
@cached_endpoint
def author_by_slug(
    request: HttpRequest,
    slug: str,
    locale: Locale = None,
):
    return author_payload(visible("author").filter(slug=slug, locale=edition(locale)))


@router.get(
    "/{author_id}/",
    response=AuthorSchema,
    url_name="author_detail",
    summary="A live author's bio and latest articles",
    operation_id="authors_detail",
)
@cached_endpoint
def author_detail(
    request: HttpRequest, author_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
):
    return author_payload(visible("author").filter(page_id=author_id))
