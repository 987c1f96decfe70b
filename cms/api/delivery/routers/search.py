from typing import Annotated
from urllib.parse import urlencode

from django.http import HttpRequest
from ninja import Query, Router

from cms.http.paths import delivery_path
from cms.http.problems import BadRequest
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.documents import dumps
from cms.publishing.editions import edition
from cms.publishing.filters import ArticleFilters
from cms.publishing.links import absolute, article_api_url, author_api_url
from search.highlighting import highlight, story_snippet
from search.query import (
    MAX_QUERY_LENGTH,
    SEARCH_ORDERS,
    article_hits,
    author_hits,
    fetch_page,
    normalise_query,
)

from ..paging import MAX_LIMIT
from ..params import DateBound, Locale, SearchOrder
from ..schemas.search import SearchResultsSchema

router = Router(tags=["search"])


def _author_hit(hit, query, prefix):
    return {
        "type": "author",
        "id": hit.page_id,
        "title": hit.title,
        "path": hit.path,
        "url": hit.url,
        "api_url": author_api_url(hit.page_id),
        "snippet": highlight(f"{hit.title}. {hit.text or ''}", query, prefix=prefix),
    }


def _article_hit(hit, query, prefix):
    return {
        "type": "article",
        "id": hit.page_id,
        "title": hit.title,
        "path": hit.path,
        "url": hit.url,
        "api_url": article_api_url(hit.page_id),
        "snippet": story_snippet(hit.title, hit.text, query, prefix=prefix),
    }


def _hits(query, filters, prefix, offset, limit, locale, order):
    """
    Authors first (few, and what a name search wants), then articles in
    ``order``; with a filter, articles only. Each list costs one query for
    its page and its total together (see ``fetch_page``), so the number of
    queries does not grow with the number of results. The total, and
    whether it counts every match, with the hits.
    """
    hits = []
    author_count = 0
    if not filters:
        authors = fetch_page(
            author_hits(query, prefix=prefix, locale=locale), offset, offset + limit
        )
        author_count = authors.total
        hits.extend(_author_hit(hit, query, prefix) for hit in authors.rows)
    start = max(0, offset - author_count)
    articles = fetch_page(
        article_hits(query, filters, prefix=prefix, locale=locale, order=order),
        start,
        start + limit - len(hits),
    )
    hits.extend(_article_hit(hit, query, prefix) for hit in articles.rows)
    return author_count + articles.total, articles.exact, hits


def _order(value):
    if value not in SEARCH_ORDERS:
        raise BadRequest(
            "Unknown order.",
            [{"name": "order", "reason": "allowed: " + ", ".join(SEARCH_ORDERS)}],
        )
    return value


def _filters(author, topic, published_after, published_before):
    filters = ArticleFilters.from_params(
        author=author,
        topics=topic,
        published_after=published_after,
        published_before=published_before,
    )
    after, before = filters.published_after, filters.published_before
    if after and before and after > before:
        raise BadRequest(
            "published_after is later than published_before.",
            [{"name": "published_after", "reason": "after published_before"}],
        )
    return filters


def _search_url(params, offset):
    """This search again at ``offset``, every filter kept (``topic`` may repeat)."""
    params = {
        name: value
        for name, value in {**params, "offset": offset or None}.items()
        if value
    }
    return absolute(delivery_path("search/?") + urlencode(params, doseq=True))


@router.get(
    "/",
    response=SearchResultsSchema,
    url_name="search",
    summary="Search live articles and authors",
    description=(
        f"`q` is required and at most {MAX_QUERY_LENGTH} characters. Words are "
        'matched by their stem (elections finds "election") and all must '
        "match; put an exact phrase in double quotes. Results are ranked: "
        "headline, then standfirst and topics, then body, then author names. "
        "`prefix=true` is for search-as-you-type: the last word may be the "
        "start of a word in a headline, author name or topic. `author` (id or "
        "slug), `topic` (repeat for AND, commas for OR) and `published_after` "
        "/ `published_before` narrow the articles and leave authors out. "
        "Matching words are wrapped in `<mark>` in each snippet (the rest is "
        "escaped). One edition is searched: `locale` (default: the default "
        "edition), stemmed in its language; Arabic is matched with or without "
        "vowel marks and across alef, taa marbuta and alef maqsura spellings. "
        "`order=relevance` (the default) ranks the newest matches (1,000) and "
        "lists older ones after them, newest first, so a word in most of the "
        "archive costs the same as a rare one; with `published_after` or "
        "`published_before` every match in those dates is ranked, and "
        "`order=relevance_all` ranks every match of the archive. Where not "
        "every match was read, `count_exact` is false and `count` is a lower "
        "bound; `next` is given while more follow."
    ),
    operation_id="search",
)
@cached_endpoint
def search(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)],
    locale: Locale = None,
    prefix: bool = False,
    author: Annotated[str | None, Query(max_length=255)] = None,
    topic: Annotated[list[str] | None, Query()] = None,
    published_after: DateBound = None,
    published_before: DateBound = None,
    order: SearchOrder = "relevance",
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    query = normalise_query(q)
    if not query.replace('"', "").strip():
        raise BadRequest(
            "Give something to search for.",
            [{"name": "q", "reason": "must not be blank"}],
        )
    filters = _filters(author, topic, published_after, published_before)
    order = _order(order)
    wanted = edition(locale)
    count, exact, hits = _hits(query, filters, prefix, offset, limit, wanted, order)
    echo = {
        "q": query,
        "locale": locale,
        "prefix": "true" if prefix else None,
        "author": author,
        "topic": topic,
        "published_after": published_after,
        "published_before": published_before,
        "order": None if order == "relevance" else order,
        "limit": limit,
    }
    more = offset + limit < count or not exact
    next_link = _search_url(echo, offset + limit) if more else None
    previous = _search_url(echo, max(offset - limit, 0)) if offset else None
    body = dumps(
        {
            "query": query,
            "count": count,
            "count_exact": exact,
            "next": next_link,
            "previous": previous,
            "results": hits,
        }
    )
    return Payload(body, last_change())
