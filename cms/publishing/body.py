"""
The article body as typed JSON blocks and as one HTML string.

Internal page links in rich text point at the external frontend, so a
reader following a link inside a story stays on the frontend; document
links and other entities expand as they do on the HTML site.
"""

from django.utils.html import escape
from wagtail.blocks import StructValue
from wagtail.embeds.embeds import get_embed
from wagtail.embeds.exceptions import EmbedException
from wagtail.models import Page
from wagtail.rich_text import RichText, features
from wagtail.rich_text.rewriters import EmbedRewriter, LinkRewriter, MultiRuleRewriter

from blog.models import ArticlePage

from .blocks import (
    DocumentAccess,
    document_value,
    gallery_value,
    media_value,
    table_value,
)
from .images import image_document
from .links import absolute, article_api_url


class FrontendRichText:
    """Expands stored rich text with page links rewritten to frontend URLs."""

    def __init__(self, links):
        self.links = links
        link_rules = {
            linktype: handler.expand_db_attributes_many
            for linktype, handler in features.get_link_types().items()
        }
        link_rules["page"] = self._page_links
        embed_rules = {
            embedtype: handler.expand_db_attributes_many
            for embedtype, handler in features.get_embed_types().items()
        }
        self.rewriter = MultiRuleRewriter(
            [LinkRewriter(bulk_rules=link_rules), EmbedRewriter(bulk_rules=embed_rules)]
        )

    def _page_links(self, attrs_list):
        ids = [attrs.get("id") for attrs in attrs_list]
        pages = {
            str(page.pk): page
            for page in Page.objects.filter(pk__in=[i for i in ids if i])
            .live()
            .public()
            .defer_streamfields()
        }
        tags = []
        for page_id in ids:
            page = pages.get(str(page_id))
            tags.append(f'<a href="{escape(self.links.url(page))}">' if page else "<a>")
        return tags

    def __call__(self, source):
        return self.rewriter(source or "")


def _level(value):
    return int(str(value).lstrip("h") or 2)


def _embed(value):
    if value is None:
        return None
    document = {
        "url": value.url,
        "html": "",
        "title": "",
        "provider_name": "",
        "thumbnail_url": "",
        "width": None,
        "height": None,
    }
    try:
        embed = get_embed(value.url, value.max_width, value.max_height)
    except EmbedException:
        return document
    document.update(
        html=embed.html,
        title=embed.title,
        provider_name=embed.provider_name,
        thumbnail_url=embed.thumbnail_url,
        width=embed.width,
        height=embed.height,
    )
    return document


class BodySerializer:
    """Turns an ``ArticleBodyBlock`` value into typed blocks and into HTML."""

    def __init__(self, links, request=None):
        self.links = links
        self.request = request
        self.rich_text = FrontendRichText(links)
        self.documents = DocumentAccess()

    def live_article(self, page):
        if page is None:
            return None
        return ArticlePage.objects.live().public().filter(pk=page.pk).first()

    def value_of(self, block_type, value):
        if block_type == "paragraph":
            return {"html": self.rich_text(value.source)}
        if block_type == "heading":
            return {"text": value["text"], "level": _level(value["level"])}
        if block_type == "image":
            image = value["image"]
            return {
                "image": image_document(
                    image, caption=value["caption"] or None, request=self.request
                ),
                "caption": value["caption"] or (image.caption if image else ""),
                "alignment": value["alignment"],
            }
        if block_type == "pull_quote":
            return {"quote": value["quote"], "attribution": value["attribution"]}
        if block_type == "embed":
            return _embed(value) or {
                "url": "",
                "html": "",
                "title": "",
                "provider_name": "",
                "thumbnail_url": "",
                "width": None,
                "height": None,
            }
        if block_type == "callout":
            return {
                "title": value["title"],
                "body_html": self.rich_text(value["body"].source),
                "tone": value["tone"],
            }
        if block_type == "related_article":
            article = self.live_article(value["article"])
            return {
                "label": value["label"],
                "article": None
                if article is None
                else {
                    "id": article.pk,
                    "title": article.title,
                    "path": self.links.path(article),
                    "url": self.links.url(article),
                    "api_url": article_api_url(article.pk, self.request),
                },
            }
        if block_type == "table":
            return table_value(value)
        if block_type == "code":
            return {"language": value["language"] or None, "code": value["code"]}
        if block_type == "gallery":
            return gallery_value(value, self.request)
        if block_type == "document":
            return document_value(value, self.documents, self.request)
        if block_type == "details":
            return {
                "question": value["question"],
                "answer_html": self.rich_text(value["answer"].source),
            }
        if block_type == "media":
            transcript = value["transcript"]
            return {
                **media_value(value, self.documents, self.request),
                "transcript_html": self.rich_text(transcript.source)
                if transcript
                else "",
            }
        raise ValueError(f"No API representation for block type {block_type!r}")

    def blocks(self, stream_value):
        return [
            {
                "type": child.block_type,
                "id": child.id,
                "value": self.value_of(child.block_type, child.value),
            }
            for child in stream_value
        ]

    def html(self, stream_value):
        """
        The whole body through the block templates, as the HTML site renders
        it, but with rich text already expanded for the frontend.
        """
        parts = []
        for child in stream_value:
            value = child.value
            if child.block_type == "paragraph":
                value = RichText(self.rich_text(value.source))
            elif child.block_type == "callout":
                value = StructValue(
                    child.block,
                    [
                        ("title", value["title"]),
                        ("body", RichText(self.rich_text(value["body"].source))),
                        ("tone", value["tone"]),
                    ],
                )
            elif child.block_type == "details":
                value = StructValue(
                    child.block,
                    [
                        ("question", value["question"]),
                        ("answer", RichText(self.rich_text(value["answer"].source))),
                    ],
                )
            elif child.block_type == "document":
                # Private files are never offered to the public; links go to
                # the CMS, which serves the file, not to the frontend.
                if not self.documents.is_public(value["document"]):
                    continue
                parts.append(
                    child.block.render(
                        value,
                        context={
                            "document_url": absolute(
                                value["document"].url, self.request
                            )
                        },
                    )
                )
                continue
            elif child.block_type == "media":
                if not self.documents.is_public(value["file"]):
                    continue
                parts.append(
                    child.block.render(
                        value,
                        context={"file_url": absolute(value["file"].url, self.request)},
                    )
                )
                continue
            elif child.block_type == "related_article":
                article = self.live_article(value["article"])
                if article is None:
                    continue
                # The card links to where readers are: the frontend.
                parts.append(
                    child.block.render(
                        value, context={"article_url": self.links.url(article)}
                    )
                )
                continue
            parts.append(child.block.render(value))
        return "".join(str(part) for part in parts)
