from ninja import Schema

from cms.publishing.representations import AUTHOR_FIELDS

from .articles import ArticleSummarySchema, TranslationLinkSchema, document_schemas
from .images import ImageSchema


class AuthorLinkSchema(Schema):
    """A link on an author's bio, e.g. their profile on a social network."""

    platform: str
    url: str


AuthorSummarySchema, AuthorSchema = document_schemas(
    "Author",
    AUTHOR_FIELDS,
    {
        "ImageSchema": ImageSchema,
        "AuthorLinkSchema": AuthorLinkSchema,
        "ArticleSummarySchema": ArticleSummarySchema,
        "TranslationLinkSchema": TranslationLinkSchema,
    },
    summary_doc="An author in a list: the bio without its full text and articles.",
    detail_doc="An author's full bio, with their latest live articles.",
)


class AuthorListSchema(Schema):
    """A page of authors, in alphabetical order."""

    count: int
    next: str | None
    previous: str | None
    results: list[AuthorSummarySchema]
