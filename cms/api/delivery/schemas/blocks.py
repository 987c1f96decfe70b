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


class TableCell(Schema):
    """
    One cell: its text, whether it is a header, its alignment (null for the
    default) and how many columns and rows it spans.
    """

    text: str
    header: bool
    align: Literal["left", "center", "right", "justify"] | None
    colspan: int
    rowspan: int


class TableValue(Schema):
    """A table of figures as rows of cells, never HTML to scrape."""

    caption: str
    header_row: bool
    header_column: bool
    rows: list[list[TableCell]]


class CodeValue(Schema):
    """Code or preformatted text, whitespace exactly as written."""

    language: str | None
    code: str


class GalleryImage(Schema):
    """One image of a gallery, with the caption and credit to show."""

    image: ImageSchema | None
    caption: str
    credit: str


class GalleryValue(Schema):
    """Images in their editorial order."""

    title: str
    images: list[GalleryImage]


class DocumentFile(Schema):
    """A public document: where to get it, its file name, MIME type and size in bytes."""

    id: int
    title: str
    url: str
    filename: str
    extension: str
    content_type: str
    size: int | None


class DocumentValue(Schema):
    """A document to open or download; ``document`` is null when it is private or gone."""

    title: str
    document: DocumentFile | None


class DetailsValue(Schema):
    """A collapsible question and its answer (rich text)."""

    question: str
    answer_html: str


class MediaFile(Schema):
    """A public audio or video file: where to get it, its MIME type and size in bytes."""

    url: str
    content_type: str
    size: int | None


class MediaValue(Schema):
    """
    An audio or video file with its title, duration in seconds, poster
    image and transcript; ``file`` is null when it is private or gone.
    """

    kind: Literal["audio", "video"]
    title: str
    duration: int | None
    file: MediaFile | None
    poster: ImageSchema | None
    transcript_html: str


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


class TableBlock(_Block):
    """A ``table`` block."""

    type: Literal["table"]
    value: TableValue


class CodeBlock(_Block):
    """A ``code`` block."""

    type: Literal["code"]
    value: CodeValue


class GalleryBlock(_Block):
    """A ``gallery`` block."""

    type: Literal["gallery"]
    value: GalleryValue


class DocumentBlock(_Block):
    """A ``document`` block."""

    type: Literal["document"]
    value: DocumentValue


class DetailsBlock(_Block):
    """A ``details`` block."""

    type: Literal["details"]
    value: DetailsValue


class MediaBlock(_Block):
    """A ``media`` block."""

    type: Literal["media"]
    value: MediaValue


BodyBlock = Annotated[
    ParagraphBlock
    | HeadingBlock
    | ImageBlock
    | PullQuoteBlock
    | EmbedBlock
    | CalloutBlock
    | RelatedArticleBlock
    | TableBlock
    | CodeBlock
    | GalleryBlock
    | DocumentBlock
    | DetailsBlock
    | MediaBlock,
    Field(discriminator="type"),
]
