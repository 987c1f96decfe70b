from typing import Literal

from ninja import Schema


class CorrectedArticleSchema(Schema):
    """The article an entry of the corrections log belongs to."""

    id: int
    title: str
    path: str
    url: str
    api_url: str


class LoggedCorrectionSchema(Schema):
    """A correction or update, with the article it was made to."""

    id: int
    type: Literal["correction", "clarification", "update", "editors_note"]
    label: str
    text: str
    made_at: str
    article: CorrectedArticleSchema


class CorrectionListSchema(Schema):
    """A page of the newsroom's corrections log, newest first."""

    count: int
    next: str | None
    previous: str | None
    results: list[LoggedCorrectionSchema]
