from typing import Literal

from ninja import Schema
from pydantic import create_model

from cms.publishing.fields import Nested
from cms.publishing.representations import ARTICLE_FIELDS

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


class TranslationLinkSchema(Schema):
    """Another edition of the same article or author bio, live and public."""

    locale: str
    title: str
    path: str
    url: str
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


class CorrectionSchema(Schema):
    """
    One entry of an article's corrections log. ``made_at`` is when the change
    was made; the article's ``updated_at`` is its newest entry's, apart from
    its ``display_date``.
    """

    id: int
    type: Literal["correction", "clarification", "update", "editors_note"]
    label: str
    text: str
    made_at: str


# The schemas a declared field may name (``cms.publishing.fields.Nested``).
NESTED_SCHEMAS = {
    "SectionSchema": SectionSchema,
    "BylineAuthorSchema": BylineAuthorSchema,
    "TopicLinkSchema": TopicLinkSchema,
    "SourceSchema": SourceSchema,
    "TranslationLinkSchema": TranslationLinkSchema,
    "SeoSchema": SeoSchema,
    "CommentSchema": CommentSchema,
    "CorrectionSchema": CorrectionSchema,
    "ImageSchema": ImageSchema,
    "BodyBlock": BodyBlock,
}


def annotation(field, nested=None):
    """The type of a declared field's value, as the OpenAPI schema states it."""
    if not isinstance(field.type, Nested):
        return field.type
    kind = (nested or NESTED_SCHEMAS)[field.type.schema]
    if field.type.many:
        kind = list[kind]
    if field.type.optional:
        kind = kind | None
    return kind


def document_schemas(kind, fields, nested, *, summary_doc, detail_doc):
    """
    The ``{kind}SummarySchema`` and ``{kind}Schema`` of documents declared by
    ``fields``: the summary fields in order, then the detail's own, as the
    documents carry them.
    """
    summary = create_model(
        f"{kind}SummarySchema",
        __base__=Schema,
        __doc__=summary_doc,
        __module__=__name__,
        **{
            field.name: (annotation(field, nested), ...)
            for field in fields
            if field.summary
        },
    )
    detail = create_model(
        f"{kind}Schema",
        __base__=summary,
        __doc__=detail_doc,
        __module__=__name__,
        **{
            field.name: (annotation(field, nested), ...)
            for field in fields
            if not field.summary
        },
    )
    return summary, detail


def article_schemas(fields):
    """The summary and detail schemas of articles declared by ``fields``."""
    return document_schemas(
        "Article",
        fields,
        NESTED_SCHEMAS,
        summary_doc="An article in a list: everything but the body, comments and SEO.",
        detail_doc="A whole article, as a frontend renders its page.",
    )


ArticleSummarySchema, ArticleSchema = article_schemas(ARTICLE_FIELDS)


def selected_fields_schema(summary):
    """
    ``summary`` as ``?fields=`` cuts it down: ``id`` always, every other
    field only if it was asked for.
    """
    return create_model(
        summary.__name__.replace("Summary", "Fields"),
        __base__=Schema,
        __doc__=f"{summary.__doc__.rstrip('.')}, cut down to the fields asked for.",
        __module__=__name__,
        **{
            name: (field.annotation, ...)
            if name == "id"
            else (field.annotation | None, None)
            for name, field in summary.model_fields.items()
        },
    )


ArticleFieldsSchema = selected_fields_schema(ArticleSummarySchema)


class ArticleListSchema(Schema):
    """
    A page of articles. ``count`` is null in cursor mode; follow ``next`` or
    pass ``next_cursor`` as ``cursor`` for the following page. With
    ``?fields=``, each result has only the fields asked for.
    """

    count: int | None
    next: str | None
    previous: str | None
    next_cursor: str | None
    results: list[ArticleSummarySchema | ArticleFieldsSchema]
