from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from cms.http.problems import BadRequest
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.filters import ArticleFilters
from cms.publishing.links import api_url
from cms.publishing.reading import stored_detail, visible

from ..paging import (
    MAX_LIMIT,
    ORDERS,
    after_cursor,
    cursor_key,
    envelope,
    make_cursor,
    parse_fields,
    read_cursor,
    select_fields,
)
from ..params import DateBound, Fields, Order
from ..schemas.articles import ArticleListSchema, ArticleSchema

router = Router(tags=["articles"])

ARTICLE = "article"


def normalise_path(path):
    """``news/x`` and ``/news/x`` both mean ``/news/x/``."""
    path = "/" + (path or "").strip().strip("/")
    return path if path == "/" else path + "/"


def detail_payload(column, value):
    row = stored_detail(ARTICLE, column, value)
    if row is None:
        raise Http404("No published article here.")
    return Payload(row[0], row[1])


def _page_link(request, **changes):
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    query = params.urlencode()
    return api_url("articles/") + (f"?{query}" if query else "")


@router.get(
    "/",
    response=ArticleListSchema,
    url_name="article_list",
    summary="List live articles",
    description=(
        "Newest first by default. `topic` may repeat: every topic must match "
        "(AND); commas inside one value offer alternatives (OR). Use `offset` "
        "for numbered pages or `cursor` (from `next_cursor`) for deep walks; "
        "in cursor mode `count` is null. `offset` and `cursor` cannot be sent "
        "together: such a request is refused with a 400 naming both."
    ),
    operation_id="articles_list",
)
@cached_endpoint
def list_articles(
    request: HttpRequest,
    author: str | None = None,
    topic: Annotated[list[str] | None, Query()] = None,
    section: str | None = None,
    published_after: DateBound = None,
    published_before: DateBound = None,
    order: Order = "-date",
    fields: Fields = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int | None, Query(ge=0)] = None,
    cursor: Annotated[str | None, Query(max_length=500)] = None,
):
    if order not in ORDERS:
        raise BadRequest(
            "Unknown order.",
            [{"name": "order", "reason": "allowed: " + ", ".join(ORDERS)}],
        )
    if offset is not None and cursor is not None:
        raise BadRequest(
            "Use either offset or cursor, not both.",
            [
                {"name": "offset", "reason": "not allowed with cursor"},
                {"name": "cursor", "reason": "not allowed with offset"},
            ],
        )
    wanted = parse_fields(fields)
    filters = ArticleFilters.from_params(
        author=author,
        topics=topic,
        section=section,
        published_after=published_after,
        published_before=published_before,
    )
    queryset = filters.documents(visible(ARTICLE)).order_by(*ORDERS[order])
    count = None
    previous = None
    if cursor is not None:
        queryset = after_cursor(queryset, order, read_cursor(cursor, order))
        start = 0
    else:
        start = offset or 0
        count = queryset.count()
        if start:
            previous = _page_link(
                request, offset=str(max(start - limit, 0)) if start > limit else None
            )
    rows = list(
        queryset.values_list("summary", "sort_date", "title", "page_id")[
            start : start + limit + 1
        ]
    )
    has_more = len(rows) > limit
    rows = rows[:limit]
    next_cursor = None
    next_link = None
    if has_more:
        last = rows[-1]
        next_cursor = make_cursor(order, cursor_key(order, *last[1:]))
        if cursor is not None:
            next_link = _page_link(request, cursor=next_cursor)
        else:
            next_link = _page_link(request, offset=str(start + limit))
    body = envelope(
        {
            "count": count,
            "next": next_link,
            "previous": previous,
            "next_cursor": next_cursor,
        },
        select_fields([row[0] for row in rows], wanted),
    )
    return Payload(body, last_change())


@router.get(
    "/by-path/",
    response=ArticleSchema,
    url_name="article_by_path",
    summary="Find a live article by its URL path",
    operation_id="articles_by_path",
)
@cached_endpoint
def article_by_path(request: HttpRequest, path: Annotated[str, Query(max_length=1024)]):
    return detail_payload("live_path", normalise_path(path))


@router.get(
    "/by-slug/{slug}/",
    response=ArticleSchema,
    url_name="article_by_slug",
    summary="Find a live article by its slug",
    operation_id="articles_by_slug",
)
@cached_endpoint
def article_by_slug(request: HttpRequest, slug: str):
    return detail_payload("slug", slug)


@router.get(
    "/{article_id}/",
    response=ArticleSchema,
    url_name="article_detail",
    summary="A live article",
    operation_id="articles_detail",
)
@cached_endpoint
def article_detail(
    request: HttpRequest, article_id: Annotated[int, Path(ge=1, le=2**31 - 1)]
):
    return detail_payload("page_id", article_id)
