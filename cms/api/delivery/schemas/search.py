from typing import Literal

from ninja import Field, Schema


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
    count: int = Field(
        description=(
            "How many results match; when `count_exact` is false, more than "
            "this many (show it as 1,000+)."
        )
    )
    count_exact: bool = Field(
        description=(
            "False when not every match was counted: a common word's matches "
            "are read newest first only as far as the ranking window and the "
            "page asked for, and `next` is given while more follow."
        )
    )
    next: str | None
    previous: str | None
    results: list[SearchHitSchema]
