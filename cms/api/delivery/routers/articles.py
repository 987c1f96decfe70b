from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Path, Query, Router

from cms.http.problems import BadRequest
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.counting import visible_count
from cms.publishing.editions import (
    MissingTranslation,
    default_edition,
    edition,
    editions_of,
    fallback_choice,
    path_edition,
    translation_keys,
    unprefixed,
)
from cms.publishing.filters import ArticleFilters
from cms.publishing.links import api_url
from cms.publishing.reading import stored_detail, visible

from ..paging import (
    MAX_LIMIT,
    MAX_OFFSET,
    ORDERS,
    after_cursor,
    cursor_key,
    envelope,
    make_cursor,
    parse_fields,
    read_cursor,
    select_fields,
)
from ..params import DateBound, Fallback, Fields, Locale, Order
from ..schemas.articles import ArticleListSchema, ArticleSchema

router = Router(tags=["articles"])

ARTICLE = "article"


def normalise_path(path):
    """``news/x`` and ``/news/x`` both mean ``/news/x/``."""
    path = "/" + (path or "").strip().strip("/")
    return path if path == "/" else path + "/"


def detail_payload(column, value, locale=None):
    row = stored_detail(ARTICLE, column, value, locale)
    if row is None:
        raise Http404("No published article here.")
    return Payload(row[0], row[1])


def edition_payload(locale, wanted_fallback, **lookup):
    """
    The article in edition ``locale`` among those matching ``lookup`` in any
    edition. Missing there: the default edition when the client asked for
    that fallback, else a 404 naming the editions it exists in.
    """
    keys = translation_keys(ARTICLE, **lookup)
    found = (
        visible(ARTICLE)
        .filter(translation_key__in=keys, locale=locale)
        .order_by("-sort_date")
        .values_list("detail", "last_modified")
        .first()
    )
    if found is None and wanted_fallback == "default":
        found = (
            visible(ARTICLE)
            .filter(translation_key__in=keys, locale=default_edition())
            .order_by("-sort_date")
            .values_list("detail", "last_modified")
            .first()
        )
    if found is not None:
        return Payload(found[0], found[1])
    available = editions_of(ARTICLE, keys)
    if available:
        raise MissingTranslation(locale, available)
    raise Http404("No published article here.")


def _page_link(request, **changes):
    params = request.GET.copy()
    for name, value in changes.items():
        params.pop(name, None)
        if value is not None:
            params[name] = value
    query = params.urlencode()
    return api_url("articles/") + (f"?{query}" if query else "")


def _window(queryset, order, start, size):
    """
    ``size`` rows of ``queryset`` from ``start``. Far into the archive the
    skipped rows are stepped over by page id alone, in the index, and only
    the rows of the page are read whole: skipping 90,000 wide documents
    otherwise cost more than the rest of the request.
    """
    if not start:
        return queryset[:size]
    ids = queryset.values("page_id")[start : start + size]
    return queryset.model.objects.filter(page_id__in=ids).order_by(*ORDERS[order])


@router.get(
    "/",
    response=ArticleListSchema,
    url_name="article_list",
    summary="List live articles",
    description=(
        "Newest first by default, in one edition: `locale` (default: the "
        "default edition). `topic` may repeat: every topic must match "
        "(AND); commas inside one value offer alternatives (OR). Use `offset` "
        "for numbered pages (up to 10,000 articles in) or `cursor` (from "
        "`next_cursor`) for deep walks; in cursor mode `count` is null. "
        "`offset` and `cursor` cannot be sent together: such a request is "
        "refused with a 400 naming both."
    ),
    operation_id="articles_list",
)
@cached_endpoint
def list_articles(
    request: HttpRequest,
    locale: Locale = None,
    author: str | None = None,
    topic: Annotated[list[str] | None, Query()] = None,
    section: str | None = None,
    published_after: DateBound = None,
    published_before: DateBound = None,
    order: Order = "-date",
    fields: Fields = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int | None, Query(ge=0, le=MAX_OFFSET)] = None,
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
    locale = edition(locale)
    queryset = filters.documents(visible(ARTICLE).filter(locale=locale)).order_by(
        *ORDERS[order]
    )
    count = None
    previous = None
    if cursor is not None:
        queryset = after_cursor(queryset, order, read_cursor(cursor, order))
        start = 0
    else:
        start = offset or 0
        count = visible_count(ARTICLE, locale, filters, queryset)
        if start:
            previous = _page_link(
                request, offset=str(max(start - limit, 0)) if start > limit else None
            )
    rows = list(
        _window(queryset, order, start, limit + 1).values_list(
            "summary", "sort_date", "title", "page_id"
        )
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
    description=(
        "The path names the edition: `/ar/news/x/` is the Arabic one. A path "
        "of an edition the article has no live translation in is a 404 whose "
        "`available_locales` lists where it can be read; `fallback=default` "
        "answers the default edition instead."
    ),
    operation_id="articles_by_path",
)
@cached_endpoint
def article_by_path(
    request: HttpRequest,
    path: Annotated[str, Query(max_length=1024)],
    fallback: Fallback = None,
):
    path = normalise_path(path)
    wanted_fallback = fallback_choice(fallback)
    row = stored_detail(ARTICLE, "live_path", path)
    if row is not None:
        return Payload(row[0], row[1])
    locale = path_edition(path)
    if locale == default_edition():
        raise Http404("No published article here.")
    return edition_payload(locale, wanted_fallback, live_path=unprefixed(path))


@router.get(
    "/by-slug/{slug}/",
    response=ArticleSchema,
    url_name="article_by_slug",
    summary="Find a live article by its slug",
    description=(
        "In the edition `locale` names (default: the default edition); the "
        "slug may be any edition's. Missing there: a 404 whose "
        "`available_locales` lists the editions it exists in, or with "
        "`fallback=default` the default edition."
    ),
    operation_id="articles_by_slug",
)
@cached_endpoint
def article_by_slug(
    request: HttpRequest,
    slug: str,
    locale: Locale = None,
    fallback: Fallback = None,
):
    wanted = edition(locale)
    wanted_fallback = fallback_choice(fallback)
    row = stored_detail(ARTICLE, "slug", slug, wanted)
    if row is not None:
        return Payload(row[0], row[1])
    return edition_payload(wanted, wanted_fallback, slug=slug)


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
