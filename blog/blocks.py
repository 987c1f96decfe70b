"""
The building blocks of an article body.

Each block knows how to render itself (``Meta.template``) for the HTML site
and the Wagtail preview, shows a realistic ``preview_value`` in the block
picker, and describes itself to editors. The delivery API reads the same
blocks, so a new block type appears everywhere at once.
"""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

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


class ArticleBodyBlock(blocks.StreamBlock):
    """The body of an article: prose, with richer blocks where the story needs them."""

    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES,
        template="blocks/paragraph_block.html",
        icon="pilcrow",
        description=_("Body text."),
    )
    heading = HeadingBlock()
    image = ArticleImageBlock()
    pull_quote = PullQuoteBlock()
    embed = EmbedBlock(
        icon="media",
        template="blocks/embed_block.html",
        help_text=_("A YouTube, Vimeo, X or other oEmbed URL."),
        description=_("An embedded video, post or map."),
    )
    callout = CalloutBlock()
    related_article = RelatedArticleBlock()

    class Meta:
        block_counts = {}
