"""
The building blocks of an article body.

Each block knows how to render itself (``Meta.template``) for the HTML site
and the Wagtail preview, shows a realistic ``preview_value`` in the block
picker, and describes itself to editors. The delivery API reads the same
blocks, so a new block type appears everywhere at once.
"""

from django import forms
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.contrib.table_block.blocks import DEFAULT_TABLE_OPTIONS, TableBlock
from wagtail.documents import get_document_model
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images import get_image_model
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import Page

AUDIO_EXTENSIONS = ("mp3", "m4a", "oga", "ogg", "wav")
VIDEO_EXTENSIONS = ("m4v", "mov", "mp4", "ogv", "webm")


# What the block picker previews a block with when it needs a chosen object:
# the newest one of the library, so editors see their own newsroom's
# material. Looked up on each preview (never cached on the block, which
# lives as long as the process) and None when the library has none yet.


def _newest_image():
    return get_image_model().objects.order_by("-created_at", "-pk").first()


def _newest_document(extensions=None):
    documents = get_document_model().objects.order_by("-created_at", "-pk")
    if extensions:
        documents = documents.filter(
            file__iregex=r"\.(%s)$" % "|".join(extensions)  # noqa: UP031 - a regex
        )
    return documents.first()


def document_size(document):
    """
    A document's size in bytes: as Wagtail recorded it on upload, else read
    from storage (files added without an upload form), else None.
    """
    if document.file_size is not None:
        return document.file_size
    try:
        return document.file.size
    except OSError:
        return None


PARAGRAPH_FEATURES = [
    "bold",
    "italic",
    "link",
    "document-link",
    "ol",
    "ul",
    "blockquote",
]


class HeadingBlock(blocks.StructBlock):
    """A sub-heading inside an article; articles use h2 and h3 under the h1 title."""

    text = blocks.CharBlock(max_length=255)
    level = blocks.ChoiceBlock(
        choices=[
            ("h2", _("Section heading (h2)")),
            ("h3", _("Sub-section heading (h3)")),
        ],
        default="h2",
    )

    class Meta:
        icon = "title"
        template = "blocks/heading_block.html"
        preview_value = {"text": "What happens next", "level": "h2"}
        description = _("A heading that splits a long article into sections.")


class ArticleImageBlock(blocks.StructBlock):
    """An image in the body, with an optional caption overriding the image's own."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False, help_text=_("Leave blank to use the image's own caption.")
    )
    alignment = blocks.ChoiceBlock(
        choices=[("full", _("Full width")), ("inline", _("Inline"))], default="full"
    )

    class Meta:
        icon = "image"
        template = "blocks/image_block.html"
        description = _("A photograph or graphic, with its caption and credit.")
        preview_value = {"caption": "", "alignment": "full"}

    def get_preview_value(self):
        return self.normalize({**self.meta.preview_value, "image": _newest_image()})


class PullQuoteBlock(blocks.StructBlock):
    """A quotation pulled out of the text and set large."""

    quote = blocks.TextBlock()
    attribution = blocks.CharBlock(required=False, max_length=255)

    class Meta:
        icon = "openquote"
        template = "blocks/pull_quote_block.html"
        preview_value = {
            "quote": "We are committed to Syria's territorial integrity.",
            "attribution": "Mohammed Shia' Al Sudani",
        }
        description = _("A quotation set apart from the body text.")


class CalloutBlock(blocks.StructBlock):
    """A boxed fact file or explainer beside the story ("Key facts", "Timeline")."""

    title = blocks.CharBlock(max_length=255)
    body = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])
    tone = blocks.ChoiceBlock(
        choices=[
            ("info", _("Fact box")),
            ("warning", _("Warning")),
            ("correction", _("Correction")),
        ],
        default="info",
    )

    class Meta:
        icon = "help"
        template = "blocks/callout_block.html"
        preview_value = {
            "title": "Key facts",
            "body": "<ul><li>The civil war began in 2011.</li></ul>",
            "tone": "info",
        }
        description = _("A boxed fact file, warning or correction.")


class RelatedArticleBlock(blocks.StructBlock):
    """A link to another article in the newsroom ("Read more: ...")."""

    article = blocks.PageChooserBlock(page_type="blog.ArticlePage")
    label = blocks.CharBlock(required=False, max_length=80, default="Read more")

    class Meta:
        icon = "link"
        template = "blocks/related_article_block.html"
        description = _("A link to another article, shown as a card.")
        preview_value = {"label": "Read more"}

    def get_preview_value(self):
        newest = (
            Page.objects.live()
            .public()
            .type(self.child_blocks["article"].target_model)
            .order_by("-first_published_at", "-pk")
            .first()
        )
        return self.normalize({**self.meta.preview_value, "article": newest})


# Handsontable's own menu, plus alignment: a newsroom right-aligns figures.
NEWS_TABLE_OPTIONS = {
    **DEFAULT_TABLE_OPTIONS,
    "contextMenu": [
        *DEFAULT_TABLE_OPTIONS["contextMenu"],
        "---------",
        "alignment",
        "mergeCells",
    ],
    "mergeCells": True,
}


class NewsTableBlock(TableBlock):
    """
    A table of figures (election results, a data box) with a caption, a
    header row and/or column, and per-cell alignment.

    Wagtail's spreadsheet-like ``TableBlock`` rather than ``TypedTableBlock``:
    editors paste a table from a spreadsheet and mark headers and alignment
    in place, and every cell is plain text, which the Delivery API gives as
    rows of typed cells rather than HTML to scrape.
    """

    def __init__(self, **kwargs):
        super().__init__(table_options=NEWS_TABLE_OPTIONS, **kwargs)

    class Meta:
        icon = "table"
        template = "blocks/table_block.html"
        description = _("A table of figures, with a caption and headers.")
        preview_value = {
            "table_caption": "Seats won, 2025 general election",
            "table_header_choice": "row",
            "first_row_is_table_header": True,
            "first_col_is_header": False,
            "data": [
                ["Party", "Seats", "Change"],
                ["Labour", "412", "+211"],
                ["Conservative", "121", "-251"],
            ],
            "cell": [
                {"row": 1, "col": 1, "className": "htRight"},
                {"row": 1, "col": 2, "className": "htRight"},
                {"row": 2, "col": 1, "className": "htRight"},
                {"row": 2, "col": 2, "className": "htRight"},
            ],
        }


class VerbatimTextBlock(blocks.FieldBlock):
    """
    Text kept exactly as typed: leading spaces, tabs and blank lines stay,
    and only Windows line endings become ``\n``. (``TextBlock`` strips.)
    """

    def __init__(self, required=True, help_text=None, **kwargs):
        self.field_options = {"required": required, "help_text": help_text}
        super().__init__(**kwargs)

    @cached_property
    def field(self):
        return forms.CharField(
            strip=False,
            widget=forms.Textarea(
                attrs={"rows": 8, "spellcheck": "false", "class": "verbatim-text"}
            ),
            **self.field_options,
        )

    def to_python(self, value):
        return (value or "").replace("\r\n", "\n")

    def clean(self, value):
        return super().clean(value).replace("\r\n", "\n")

    def get_searchable_content(self, value):
        return []

    class Meta:
        default = ""


CODE_LANGUAGES = [
    ("python", "Python"),
    ("javascript", "JavaScript"),
    ("json", "JSON"),
    ("html", "HTML"),
    ("css", "CSS"),
    ("sql", "SQL"),
    ("bash", "Shell"),
    ("r", "R"),
    ("csv", "CSV"),
]


class CodeBlock(blocks.StructBlock):
    """
    Code or preformatted text (a data extract, a verse, ASCII art) shown
    exactly as written, in a monospaced box; the language is optional.
    """

    language = blocks.ChoiceBlock(
        choices=CODE_LANGUAGES,
        required=False,
        help_text=_("Leave blank for plain preformatted text."),
    )
    code = VerbatimTextBlock()

    class Meta:
        icon = "code"
        template = "blocks/code_block.html"
        preview_value = {
            "language": "python",
            "code": "def turnout(votes, electorate):\n    return votes / electorate\n",
        }
        description = _("Code or preformatted text, kept exactly as typed.")


class GalleryImageBlock(blocks.StructBlock):
    """One image of a gallery; caption and credit default to the image's own."""

    image = ImageChooserBlock()
    caption = blocks.CharBlock(
        required=False,
        max_length=500,
        help_text=_("Leave blank to use the image's own caption."),
    )
    credit = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the image's own credit."),
    )


class GalleryBlock(blocks.StructBlock):
    """An ordered set of photographs shown together, each with caption and credit."""

    title = blocks.CharBlock(required=False, max_length=255)
    images = blocks.ListBlock(GalleryImageBlock(), min_num=1)

    class Meta:
        icon = "image"
        template = "blocks/gallery_block.html"
        description = _("Several photographs in order, each with caption and credit.")
        preview_value = {"title": "Polling day in pictures"}

    def get_preview_value(self):
        images = get_image_model().objects.order_by("-created_at", "-pk")[:3]
        return self.normalize(
            {
                **self.meta.preview_value,
                "images": [
                    {"image": image, "caption": "", "credit": ""} for image in images
                ],
            }
        )


class DocumentBlock(blocks.StructBlock):
    """
    A file readers can open or download (a court ruling as PDF, a report),
    shown with its title, type and size.
    """

    document = DocumentChooserBlock()
    title = blocks.CharBlock(
        required=False,
        max_length=255,
        help_text=_("Leave blank to use the document's own title."),
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/document_block.html"
        description = _("A PDF or other file to open or download.")
        preview_value = {"title": ""}

    def get_preview_value(self):
        return self.normalize(
            {
                **self.meta.preview_value,
                "document": _newest_document(("pdf",)) or _newest_document(),
            }
        )

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context)
        context["file_size"] = (
            document_size(value["document"]) if value["document"] else None
        )
        return context


class MediaBlock(blocks.StructBlock):
    """
    An audio or video file from the documents library (a podcast episode, a
    press conference), played in the browser's own accessible player, with
    its poster, duration and a transcript readers can open.

    Wagtail's documents rather than ``wagtailmedia``: the files need the same
    collections, privacy and serving as court PDFs, and no extra app has to
    follow Wagtail's releases. The block says whether the file is audio or
    video; hosted players (YouTube, podcast sites) stay ``embed`` blocks.
    """

    kind = blocks.ChoiceBlock(
        choices=[("audio", _("Audio")), ("video", _("Video"))], default="audio"
    )
    file = DocumentChooserBlock(help_text=_("An MP3, M4A, OGG, MP4 or WebM file."))
    title = blocks.CharBlock(max_length=255)
    duration = blocks.IntegerBlock(
        required=False, min_value=0, help_text=_("Length in seconds.")
    )
    poster = ImageChooserBlock(
        required=False, help_text=_("The still shown before a video plays.")
    )
    transcript = blocks.RichTextBlock(
        required=False, features=["bold", "italic", "link", "ol", "ul"]
    )

    class Meta:
        icon = "media"
        template = "blocks/media_block.html"
        description = _("An audio or video file with its transcript.")
        preview_value = {
            "kind": "audio",
            "title": "The Briefing: results night",
            "duration": 1265,
            "transcript": "<p><b>Host:</b> Good evening, and welcome to the count.</p>",
        }

    def get_preview_value(self):
        file = _newest_document(AUDIO_EXTENSIONS)
        kind = "audio"
        if file is None:
            file, kind = _newest_document(VIDEO_EXTENSIONS), "video"
        return self.normalize({**self.meta.preview_value, "kind": kind, "file": file})


class DetailsBlock(blocks.StructBlock):
    """A collapsible question and answer ("What is a hung parliament?")."""

    question = blocks.CharBlock(max_length=255)
    answer = blocks.RichTextBlock(features=["bold", "italic", "link", "ol", "ul"])

    class Meta:
        icon = "help"
        template = "blocks/details_block.html"
        preview_value = {
            "question": "What is a hung parliament?",
            "answer": "<p>One in which no party has a majority of seats.</p>",
        }
        description = _("A question readers can open to read its answer.")


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article: prose, with richer blocks where the story needs them."""

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("Body text."),
        preview_value=(
            "<p>Turnout reached <b>68 per cent</b>, the highest since 1992, "
            "according to the Electoral Commission.</p>"
        ),
    )
    heading = HeadingBlock()
    image = ArticleImageBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedBlock(
        icon="media",
        template="blocks/embed_block.html",
        help_text=_("A YouTube, Vimeo, X or other oEmbed URL."),
        description=_("An embedded video, post or map."),
        preview_value="https://www.youtube.com/watch?v=jNQXAC9IVRw",
    )
    callout = CalloutBlock()
    related_article = RelatedArticleBlock()
    table = NewsTableBlock()
    code = CodeBlock()
    gallery = GalleryBlock()
    document = DocumentBlock()
    details = DetailsBlock()
    media = MediaBlock()

    class Meta:
        block_counts = {}
