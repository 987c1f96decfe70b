from typing import Literal

from ninja import Schema


class SearchHitSchema(Schema):
    """One search result: an article or an author, with a highlighted snippet."""

    type: Literal["article", "author"]
    id: int
    title: str
    path: str
    url: str
    api_url: str
    snippet: str


class SearchResultsSchema(Schema):
    """A page of search results; ``snippet`` marks matches with ``<mark>``."""

    query: str
    count: int
    next: str | None
    previous: str | None
    results: list[SearchHitSchema]
