from typing import Literal

from ninja import Schema

from .articles import ArticleSummarySchema
from .images import ImageSchema


class AuthorLinkSchema(Schema):
    """A link on an author's bio, e.g. their profile on a social network."""

    platform: str
    url: str


class AuthorSummarySchema(Schema):
    """An author in a list: the bio without its full text and articles."""

    id: int
    type: Literal["author"]
    name: str
    slug: str
    path: str
    url: str
    api_url: str
    role: str
    short_bio: str
    photo: ImageSchema | None
    website: str
    links: list[AuthorLinkSchema]
    articles_url: str


class AuthorSchema(AuthorSummarySchema):
    """An author's full bio, with their latest live articles."""

    bio_html: str
    article_count: int
    latest_articles: list[ArticleSummarySchema]


class AuthorListSchema(Schema):
    """A page of authors, in alphabetical order."""

    count: int
    next: str | None
    previous: str | None
    results: list[AuthorSummarySchema]
