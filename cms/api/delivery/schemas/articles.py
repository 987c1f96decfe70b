from typing import Literal

from ninja import Schema

from .blocks import BodyBlock
from .images import ImageSchema


class SectionSchema(Schema):
    """The section (article index) an article is filed in."""

    id: int
    title: str
    slug: str
    api_url: str


class BylineAuthorSchema(Schema):
    """An author as the byline shows them."""

    id: int
    name: str
    slug: str
    role: str
    short_bio: str
    photo: ImageSchema | None
    url: str
    api_url: str


class TopicLinkSchema(Schema):
    """A topic an article is filed under."""

    name: str
    slug: str
    api_url: str


class SourceSchema(Schema):
    """The publication a syndicated story first appeared in."""

    name: str
    url: str


class SeoSchema(Schema):
    """Search and sharing metadata."""

    title: str
    description: str
    canonical_url: str
    noindex: bool
    social_image: ImageSchema | None


class CommentSchema(Schema):
    """
    An approved reader comment; the commenter's e-mail is never included.
    ``parent_id`` threads replies; ``comments/`` serves them nested and paged.
    """

    id: int
    parent_id: int | None
    name: str
    website: str
    body: str
    created_at: str


class ArticleSummarySchema(Schema):
    """An article in a list: everything but the body, comments and SEO."""

    id: int
    type: Literal["article"]
    title: str
    slug: str
    path: str
    url: str
    api_url: str
    standfirst: str
    display_date: str | None
    first_published_at: str | None
    last_published_at: str | None
    section: SectionSchema | None
    authors: list[BylineAuthorSchema]
    hero_image: ImageSchema | None
    topics: list[TopicLinkSchema]
    source: SourceSchema | None
    word_count: int
    reading_time: int
    comment_count: int


class ArticleSchema(ArticleSummarySchema):
    """A whole article, as a frontend renders its page."""

    seo: SeoSchema
    body: list[BodyBlock]
    body_html: str
    comments: list[CommentSchema]


class ArticleListSchema(Schema):
    """
    A page of articles. ``count`` is null in cursor mode; follow ``next`` or
    pass ``next_cursor`` as ``cursor`` for the following page.
    """

    count: int | None
    next: str | None
    previous: str | None
    next_cursor: str | None
    results: list[ArticleSummarySchema]
