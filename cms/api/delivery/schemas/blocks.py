"""One schema per body block type, joined in a union discriminated on ``type``."""

from typing import Annotated, Literal

from ninja import Schema
from pydantic import Field

from .images import ImageSchema


class ParagraphValue(Schema):
    """Rich text, internal links already pointing at the frontend."""

    html: str


class HeadingValue(Schema):
    """A sub-heading; ``level`` is 2 or 3."""

    text: str
    level: int


class ImageValue(Schema):
    """An image in the body."""

    image: ImageSchema | None
    caption: str
    alignment: Literal["full", "inline"]


class PullQuoteValue(Schema):
    """A quotation set apart from the text."""

    quote: str
    attribution: str


class EmbedValue(Schema):
    """An oEmbed (video, post, map) with its ready-to-use HTML."""

    url: str
    html: str
    title: str
    provider_name: str
    thumbnail_url: str
    width: int | None
    height: int | None


class CalloutValue(Schema):
    """A fact box, warning or correction."""

    title: str
    body_html: str
    tone: Literal["info", "warning", "correction"]


class LinkedArticle(Schema):
    """The article a related-article block links to."""

    id: int
    title: str
    path: str
    url: str
    api_url: str


class RelatedArticleValue(Schema):
    """A "Read more" link; ``article`` is null when that article is not live."""

    label: str
    article: LinkedArticle | None


class _Block(Schema):
    id: str | None


class ParagraphBlock(_Block):
    """A ``paragraph`` block."""

    type: Literal["paragraph"]
    value: ParagraphValue


class HeadingBlock(_Block):
    """A ``heading`` block."""

    type: Literal["heading"]
    value: HeadingValue


class ImageBlock(_Block):
    """An ``image`` block."""

    type: Literal["image"]
    value: ImageValue


class PullQuoteBlock(_Block):
    """A ``pull_quote`` block."""

    type: Literal["pull_quote"]
    value: PullQuoteValue


class EmbedBlock(_Block):
    """An ``embed`` block."""

    type: Literal["embed"]
    value: EmbedValue


class CalloutBlock(_Block):
    """A ``callout`` block."""

    type: Literal["callout"]
    value: CalloutValue


class RelatedArticleBlock(_Block):
    """A ``related_article`` block."""

    type: Literal["related_article"]
    value: RelatedArticleValue


BodyBlock = Annotated[
    ParagraphBlock
    | HeadingBlock
    | ImageBlock
    | PullQuoteBlock
    | EmbedBlock
    | CalloutBlock
    | RelatedArticleBlock,
    Field(discriminator="type"),
]
