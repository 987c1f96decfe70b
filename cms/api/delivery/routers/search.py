from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router

from search.query import (
    MAX_QUERY_LENGTH,
    highlight,
    normalise_query,
    search_articles,
    search_authors,
)

from ..caching import Payload, cached_endpoint, last_change
from ..documents import dumps
from ..errors import BadRequest
from ..links import PageLinks, api_url, article_api_url, author_api_url
from ..reading import MAX_LIMIT
from ..schemas.search import SearchResultsSchema

router = Router(tags=["search"])


def _hits(request, query, offset, limit):
    """Authors first (few, and what a name search wants), then articles."""
    authors = search_authors(query)
    articles = search_articles(query)
    author_count = authors.count()
    count = author_count + articles.count()
    links = PageLinks()
    hits = []
    if offset < author_count:
        for author in authors[offset : offset + limit]:
            hits.append(
                {
                    "type": "author",
                    "id": author.pk,
                    "title": author.title,
                    "path": links.path(author),
                    "url": links.url(author),
                    "api_url": author_api_url(author.pk),
                    "snippet": highlight(
                        f"{author.title}. {author.role}. {author.short_bio}", query
                    ),
                }
            )
    remaining = limit - len(hits)
    if remaining > 0:
        start = max(0, offset - author_count)
        for article in articles[start : start + remaining]:
            hits.append(
                {
                    "type": "article",
                    "id": article.pk,
                    "title": article.title,
                    "path": links.path(article),
                    "url": links.url(article),
                    "api_url": article_api_url(article.pk),
                    "snippet": highlight(
                        f"{article.title}. {article.standfirst} {article.plain_text}",
                        query,
                    ),
                }
            )
    return count, hits


@router.get(
    "/",
    response=SearchResultsSchema,
    url_name="search",
    summary="Search live articles and authors",
    description=(
        f"`q` is required and at most {MAX_QUERY_LENGTH} characters. Matching "
        "words are wrapped in `<mark>` in each snippet (the rest is escaped)."
    ),
    operation_id="search",
)
@cached_endpoint
def search(
    request: HttpRequest,
    q: Annotated[str, Query(max_length=MAX_QUERY_LENGTH)],
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    query = normalise_query(q)
    if not query:
        raise BadRequest(
            "Give something to search for.",
            [{"name": "q", "reason": "must not be blank"}],
        )
    count, hits = _hits(request, query, offset, limit)
    next_link = (
        api_url("search/", q=query, limit=limit, offset=offset + limit)
        if offset + limit < count
        else None
    )
    previous = (
        api_url("search/", q=query, limit=limit, offset=max(offset - limit, 0) or None)
        if offset
        else None
    )
    body = dumps(
        {
            "query": query,
            "count": count,
            "next": next_link,
            "previous": previous,
            "results": hits,
        }
    )
    return Payload(body, last_change())
