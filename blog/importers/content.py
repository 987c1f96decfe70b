"""
WordPress post content to the blocks of an ``ArticlePage`` body.

Two kinds of content arrive. Classic-editor posts are HTML without
paragraph tags, with shortcodes (``[caption]``, ``[gallery]``, ``[embed]``)
and bare URLs on their own line that WordPress turns into embeds; they go
through the same steps WordPress takes when it shows them (shortcodes,
auto-embeds, ``wpautop``). Block-editor posts carry ``<!-- wp:name {...} -->``
delimiters; they are parsed into WordPress's own block tree first.

Either way the result is walked top-down: headings, quotes, images,
galleries, embeds, tables, code and preformatted text, details, audio,
video and files become their own StreamField blocks, layout wrappers
(groups, columns, covers) are flattened, and everything else is kept as rich
text, cleaned by Wagtail's own whitelister for the paragraph block's
features, so nothing the editor could not have typed gets in. Links to posts
of the same import become Wagtail page links, links to its audio, video and
other files document links. What cannot be kept is said in
``warnings``.
"""

import html as html_lib
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from urllib.parse import parse_qs, urlparse

from bs4 import BeautifulSoup, Comment, NavigableString, Tag
from wagtail.admin.rich_text.converters.editor_html import (
    EditorHTMLConverter,
    WhitelistRule,
)
from wagtail.whitelist import allow_without_attributes

from blog.blocks import CODE_LANGUAGES, PARAGRAPH_FEATURES

from .autop import wpautop

HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
MEDIA = {"img", "wp-gallery", "wp-embed", "wp-player", "iframe", "audio", "video"}
MAPPED = HEADINGS | MEDIA | {"blockquote", "figure", "table", "pre", "details"}
CONTAINERS = {
    "div",
    "section",
    "article",
    "aside",
    "header",
    "footer",
    "main",
    "center",
    "figure",
}
DROPPED_TAGS = {
    "script",
    "style",
    "noscript",
    "form",
    "input",
    "button",
    "select",
    "textarea",
    "object",
    "embed",
    "source",
    "track",
    "svg",
    "math",
    "template",
    "hr",
}
INLINE = {
    "a",
    "abbr",
    "b",
    "bdi",
    "bdo",
    "br",
    "cite",
    "code",
    "del",
    "dfn",
    "em",
    "i",
    "ins",
    "kbd",
    "mark",
    "q",
    "s",
    "samp",
    "small",
    "span",
    "strike",
    "strong",
    "sub",
    "sup",
    "time",
    "tt",
    "u",
    "var",
}
# Blocks WordPress renders on the fly from the database (archives, menus,
# query loops...) or that only shape the layout: there is nothing to keep.
LAYOUT_ONLY = {
    "core/separator",
    "core/spacer",
    "core/more",
    "core/nextpage",
}
MEDIA_FILES = {"core/video", "core/audio", "core/file"}
MARKUP_BLOCKS = {
    "core/list",
    "core/table",
    "core/details",
    "core/code",
    "core/preformatted",
    "core/verse",
}

_DELIMITER = re.compile(
    r"<!--\s+(?P<closer>/)?wp:(?P<ns>[a-z][a-z0-9_-]*/)?(?P<name>[a-z][a-z0-9_-]*)"
    r"\s+(?P<attrs>\{.*?\}\s+)?(?P<void>/)?-->",
    re.DOTALL,
)
_SHORTCODE_ATTR = re.compile(r'(\w+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s\]]+))')
_CAPTION = re.compile(
    r"\[(?:wp_)?caption([^\]]*)\](.*?)\[/(?:wp_)?caption\]", re.DOTALL | re.I
)
_GALLERY = re.compile(r"\[gallery([^\]]*)\]", re.I)
_EMBED = re.compile(r"\[embed[^\]]*\](.*?)\[/embed\]", re.DOTALL | re.I)
_PLAYER = re.compile(
    r"\[(audio|video|playlist)\b([^\]]*)\](?:(?:(?!\[(?:audio|video|playlist)\b).)*?\[/\1\])?",
    re.DOTALL | re.I,
)
_POSITIONAL_URL = re.compile(r"^\s*(https?://\S+)")
FILE_NOUNS = {"audio": "an audio file", "video": "a video file", "file": "a file"}
# Where the [audio] and [video] shortcodes take their file, in WordPress's order.
PLAYER_SOURCES = {
    "audio": ("src", "mp3", "m4a", "ogg", "wav", "wma"),
    "video": ("src", "mp4", "m4v", "webm", "ogv", "wmv", "flv"),
}
_BARE_URL_LINE = re.compile(r"^(\s*)(https?://[^\s<>\"]+)(\s*)$", re.MULTILINE)
_BLOCK_END = re.compile(
    r"<br\s*/?>|</(?:p|div|li|h[1-6]|blockquote|tr|td|th|dd|dt|figcaption)\s*>", re.I
)
_WP_IMAGE_CLASS = re.compile(r"\bwp-image-(\d+)\b")
_YOUTUBE_EMBED = re.compile(
    r"^(?:https?:)?//(?:www\.)?youtube(?:-nocookie)?\.com/embed/([\w-]+)"
)
_VIMEO_EMBED = re.compile(r"^(?:https?:)?//player\.vimeo\.com/video/(\d+)")
_TEXT_ALIGN = re.compile(r"text-align\s*:\s*(left|center|right|justify)", re.I)
CODE_LANGUAGE_NAMES = {value for value, _label in CODE_LANGUAGES}
HANDSONTABLE_ALIGN = {
    "left": "htLeft",
    "center": "htCenter",
    "right": "htRight",
    "justify": "htJustify",
}


def plain_text(html):
    """The text of an HTML fragment: tags dropped, entities decoded, spaces collapsed."""
    if not html:
        return ""
    # Block ends and line breaks separate words; inline tags do not ("Mark<sup>up</sup>").
    html = _BLOCK_END.sub(" ", html)
    text = BeautifulSoup(html, "html.parser").get_text()
    return " ".join(html_lib.unescape(text).split())


@cache
def _whitelister():
    """Wagtail's rich text whitelister for the body's paragraph features."""
    converter = EditorHTMLConverter(features=PARAGRAPH_FEATURES)
    # "blockquote" is a Draftail feature with no rule for the HTML converter;
    # the paragraph block allows it, so keep quotes nested in text.
    converter.converter_rules.append(
        WhitelistRule("blockquote", allow_without_attributes)
    )
    return converter.whitelister


def clean_rich_text(html):
    return _whitelister().clean(html).strip()


def _shortcode_attrs(text):
    return {
        match.group(1).lower(): next(g for g in match.groups()[1:] if g is not None)
        for match in _SHORTCODE_ATTR.finditer(text)
    }


@dataclass
class WPBlock:
    """One block of block-editor content; ``name`` is None for classic HTML between blocks."""

    name: str | None
    attrs: dict = field(default_factory=dict)
    parts: list = field(default_factory=list)

    @property
    def inner(self):
        return [part for part in self.parts if isinstance(part, WPBlock)]

    def html(self):
        return "".join(
            part if isinstance(part, str) else part.html() for part in self.parts
        )


def parse_blocks(text):
    """
    Parse block-editor markup into a tree, as WordPress's ``parse_blocks`` does.

    Lenient like WordPress: a stray closer is ignored and an unclosed block
    ends where the content does.
    """
    top, stack = [], []

    def add(part):
        if stack:
            stack[-1].parts.append(part)
        elif isinstance(part, WPBlock):
            top.append(part)
        elif part.strip():
            top.append(WPBlock(None, parts=[part]))

    position = 0
    for match in _DELIMITER.finditer(text):
        add(text[position : match.start()])
        position = match.end()
        name = (match.group("ns") or "core/") + match.group("name")
        try:
            attrs = json.loads(match.group("attrs")) if match.group("attrs") else {}
        except ValueError:
            attrs = {}
        if match.group("void"):
            add(WPBlock(name, attrs if isinstance(attrs, dict) else {}))
        elif match.group("closer"):
            if stack and stack[-1].name == name:
                block = stack.pop()
                add(block)
        else:
            stack.append(WPBlock(name, attrs if isinstance(attrs, dict) else {}))
    add(text[position:])
    while stack:
        block = stack.pop()
        add(block)
    return top


def is_block_content(text):
    return "<!-- wp:" in text


@dataclass
class Conversion:
    """The raw StreamField data of a body, and what could not be carried over."""

    blocks: list = field(default_factory=list)
    warnings: list = field(default_factory=list)
    images: set = field(default_factory=set)
    # (kind, "imported" or "dropped") for each audio, video or file met.
    files: Counter = field(default_factory=Counter)


class ContentConverter:
    """
    Convert one post's content. ``resolver`` answers five questions for it:

    - ``image_id(wp_id, url)``: the imported image for an attachment, or None;
    - ``file(wp_id, url, title)``: the document for an audio, video or other
      file, as a ``LinkedFile`` (its document id, or why there is none);
    - ``page_id(url)``, ``document_id(url)``: the imported page, or
      attachment document, a link points to, or None;
    - ``attachments_of(post_id)``: a post's attachment IDs (for ``[gallery]``
      and ``[playlist]``);

    and ``embed_accepts(url)`` says whether a URL is one the site's embed
    finders know.
    """

    def __init__(self, resolver, post_id=0):
        self.resolver = resolver
        self.post_id = post_id

    def convert(self, content):
        self.result = Conversion()
        self._html = []
        self._inline = []
        self._dropped_blocks = set()
        if is_block_content(content):
            self._blocks(parse_blocks(content))
        else:
            self._classic(content, autop=True)
        self._flush()
        if self._dropped_blocks:
            self._warn(
                "left out blocks WordPress builds on the fly: "
                + ", ".join(sorted(self._dropped_blocks))
            )
        return self.result

    # Output.

    def _warn(self, message):
        if message not in self.result.warnings:
            self.result.warnings.append(message)

    def _emit(self, block_type, value):
        self._flush()
        self.result.blocks.append({"type": block_type, "value": value})

    def _close_inline(self):
        if self._inline:
            inner = "".join(self._inline)
            self._inline = []
            if inner.strip():
                self._html.append(f"<p>{inner}</p>")

    def _flush(self):
        self._close_inline()
        if not self._html:
            return
        soup = BeautifulSoup("".join(self._html), "html.parser")
        self._html = []
        self._rewrite_links(soup)
        html = clean_rich_text(str(soup))
        if plain_text(html):
            self.result.blocks.append({"type": "paragraph", "value": html})

    def _rewrite_links(self, soup):
        for link in soup.find_all("a", href=True):
            page_id = self.resolver.page_id(link["href"])
            if page_id:
                link.attrs = {"data-linktype": "page", "data-id": str(page_id)}
            elif document_id := self.resolver.document_id(link["href"]):
                link.attrs = {"data-linktype": "document", "data-id": str(document_id)}

    # Block-editor content.

    def _blocks(self, blocks):
        for block in blocks:
            name = block.name
            if name is None or name == "core/freeform":
                self._classic(block.html(), autop=True)
            elif name == "core/heading":
                level = block.attrs.get("level", 2)
                self._heading_text(plain_text(block.html()), f"h{level}")
            elif name == "core/image":
                self._image_block(block)
            elif name == "core/gallery":
                self._gallery_block(block)
            elif name in ("core/quote", "core/pullquote"):
                soup = BeautifulSoup(block.html(), "html.parser")
                quote = soup.find("blockquote") or soup
                self._quote(quote)
            elif name == "core/embed" or name.startswith("core-embed/"):
                url = block.attrs.get("url") or plain_text(block.html()).split(" ")[0]
                self._embed(url)
            elif name == "core/shortcode":
                self._classic(block.html(), autop=True)
            elif name in MARKUP_BLOCKS:
                # Their own markup maps: <table>, <pre>, <details>, lists.
                self._classic(block.html(), autop=False)
            elif name in LAYOUT_ONLY:
                continue
            elif name in MEDIA_FILES:
                self._file_block(block)
            elif name == "core/media-text":
                self._media_text(block)
            elif name == "core/block":
                self._warn("left out a reusable block (it lives outside the post)")
            elif block.inner:
                # Groups, columns, covers, media-and-text: keep the content, not the layout.
                self._blocks(block.inner)
            elif plain_text(block.html()) or "<img" in block.html():
                self._classic(block.html(), autop=False)
            elif not block.parts:
                # A void block: WordPress renders it from the database on the fly.
                self._dropped_blocks.add(name)

    def _image_block(self, block):
        soup = BeautifulSoup(block.html(), "html.parser")
        img = soup.find("img")
        caption = soup.find("figcaption")
        self._image(
            img,
            wp_id=block.attrs.get("id"),
            caption=plain_text(str(caption)) if caption else "",
            align=block.attrs.get("align", ""),
        )

    def _gallery_block(self, block):
        """One gallery block, its images in order, whether nested or plain HTML."""
        soup = BeautifulSoup(block.html(), "html.parser")
        items = []
        for img in soup.find_all("img"):
            figure = img.find_parent("figure")
            caption = figure.find("figcaption") if figure else None
            if caption is not None and caption.find_parent("figure") is not figure:
                caption = None
            items.append((img, None, plain_text(str(caption)) if caption else ""))
        if not items:
            items = [(None, wp_id, "") for wp_id in block.attrs.get("ids") or []]
        self._gallery(items)

    def _file_block(self, block):
        """An audio or video block as a media block, a file block as a document block."""
        soup = BeautifulSoup(block.html(), "html.parser")
        kind = block.name.split("/")[-1]
        wp_id = block.attrs.get("id")
        if kind == "file":
            links = soup.find_all("a", href=True)
            named = [
                a for a in links if "wp-block-file__button" not in a.get("class", [])
            ]
            link = (named or links or [None])[0]
            url = block.attrs.get("href") or (link["href"] if link else "")
            self._document(wp_id, url, plain_text(str(link)) if link else "")
            return
        player = soup.find(kind)
        caption = soup.find("figcaption")
        self._player(
            kind,
            wp_id,
            _player_source(player) if player else "",
            plain_text(str(caption)) if caption else "",
            player.get("poster", "") if player else "",
        )

    def _media_text(self, block):
        """A media-and-text block: its image or video, and its text, in reading order."""
        own = "".join(part for part in block.parts if isinstance(part, str))
        media = BeautifulSoup(own, "html.parser").find(
            "figure", class_="wp-block-media-text__media"
        )
        text_first = block.attrs.get("mediaPosition") == "right"
        if text_first:
            self._blocks(block.inner)
        if media is not None:
            self._walk([media])
        if not text_first:
            self._blocks(block.inner)

    def _player(self, kind, wp_id, url, title="", poster=""):
        """An audio or video file as a media block, or a warning saying why not."""
        found = self.resolver.file(wp_id, url, title)
        if found.document_id is None:
            self._drop_file(kind, url, wp_id, found.missing)
            return
        value = {
            "kind": kind,
            "file": found.document_id,
            "title": (title or found.title or kind.capitalize())[:255],
            "duration": None,
            "poster": None,
            "transcript": "",
        }
        if poster:
            poster_id = self.resolver.image_id(None, poster)
            if poster_id is None:
                self._warn(f"left out a poster image that was not imported: {poster}")
            else:
                value["poster"] = poster_id
                self.result.images.add(poster_id)
        self.result.files[(kind, "imported")] += 1
        self._emit("media", value)

    def _document(self, wp_id, url, title=""):
        """A file to open or download as a document block, or a warning saying why not."""
        found = self.resolver.file(wp_id, url, title)
        if found.document_id is None:
            self._drop_file("file", url, wp_id, found.missing)
            return
        self.result.files[("file", "imported")] += 1
        self._emit("document", {"document": found.document_id, "title": title[:255]})

    def _drop_file(self, kind, url, wp_id, reason):
        self.result.files[(kind, "dropped")] += 1
        named = url or (f"attachment {wp_id}" if wp_id is not None else "no file named")
        self._warn(f"left out {FILE_NOUNS[kind]} ({reason}): {named}")

    # Classic content.

    def _classic(self, content, autop):
        content = self._shortcodes(content)
        if autop:
            content = _BARE_URL_LINE.sub(self._auto_embed, content)
            content = wpautop(content)
        soup = BeautifulSoup(content, "html.parser")
        self._walk(list(soup.contents))

    def _auto_embed(self, match):
        url = match.group(2)
        if self.resolver.embed_accepts(url):
            return f'{match.group(1)}<wp-embed data-url="{html_lib.escape(url)}"></wp-embed>{match.group(3)}'
        return match.group(0)

    def _shortcodes(self, content):
        def caption(match):
            attrs = _shortcode_attrs(match.group(1))
            inner = match.group(2)
            soup = BeautifulSoup(inner, "html.parser")
            media = soup.find("a") if soup.find("a") and soup.a.find("img") else None
            media = media or soup.find("img")
            text = attrs.get("caption") or ""
            if media is not None:
                media.extract()
            text = text or plain_text(str(soup))
            return (
                f'<figure class="{html_lib.escape(attrs.get("align", ""))}">{media or ""}'
                f"<figcaption>{html_lib.escape(text)}</figcaption></figure>"
            )

        def gallery(match):
            ids = _shortcode_attrs(match.group(1)).get("ids", "")
            return f'<wp-gallery data-ids="{html_lib.escape(ids)}"></wp-gallery>'

        def embed(match):
            url = html_lib.escape(match.group(1).strip())
            return f'<wp-embed data-url="{url}"></wp-embed>'

        def player(match):
            name = match.group(1).lower()
            attrs = _shortcode_attrs(match.group(2))
            if name == "playlist":
                kind = "video" if attrs.get("type", "").lower() == "video" else "audio"
                ids = attrs.get("ids", "")
                return (
                    f'<wp-player data-kind="{kind}" data-ids="{html_lib.escape(ids)}"'
                    ' data-playlist="1"></wp-player>'
                )
            positional = _POSITIONAL_URL.match(match.group(2))
            url = next(
                (attrs[key] for key in PLAYER_SOURCES[name] if attrs.get(key)),
                positional.group(1) if positional else "",
            )
            return (
                f'<wp-player data-kind="{name}" data-url="{html_lib.escape(url)}"'
                f' data-poster="{html_lib.escape(attrs.get("poster", ""))}"></wp-player>'
            )

        content = _CAPTION.sub(caption, content)
        content = _GALLERY.sub(gallery, content)
        content = _EMBED.sub(embed, content)
        return _PLAYER.sub(player, content)

    def _walk(self, nodes):
        for node in nodes:
            if isinstance(node, Comment):
                continue
            if isinstance(node, NavigableString):
                if str(node).strip():
                    self._inline.append(html_lib.escape(str(node)))
                continue
            if not isinstance(node, Tag) or node.name in DROPPED_TAGS:
                continue
            name = node.name
            if name in HEADINGS:
                self._heading_text(plain_text(str(node)), name)
            elif name == "blockquote":
                self._quote(node)
            elif name in MEDIA or (name == "figure" and node.find("img")):
                self._media(node)
            elif name == "a" and node.find("img") and not node.get_text(strip=True):
                self._media(node.find("img"))
            elif name == "figure" and node.find("table"):
                caption = node.find("figcaption")
                self._table(
                    node.find("table"),
                    caption=plain_text(str(caption)) if caption else "",
                )
            elif name == "table":
                self._table(node)
            elif name == "pre":
                self._pre(node)
            elif name == "details":
                self._details(node)
            elif name in CONTAINERS and node.find(MAPPED):
                self._walk(list(node.contents))
            elif name in INLINE and not node.find(MEDIA):
                self._inline.append(str(node))
            else:
                self._mixed(node)

    def _mixed(self, node):
        """A paragraph or list that may hold images or embeds: text first, then the media."""
        media = []
        for found in node.find_all(MEDIA):
            holder = found.parent
            if (
                isinstance(holder, Tag)
                and holder.name == "a"
                and not holder.get_text(strip=True)
            ):
                holder.extract()
            else:
                found.extract()
            media.append(found)
        if node.get_text(strip=True):
            if node.name in INLINE:
                self._inline.append(str(node))
            else:
                self._close_inline()
                self._html.append(str(node))
        for found in media:
            self._media(found)

    def _heading_text(self, text, tag):
        if not text:
            return
        level = "h2" if tag in ("h1", "h2") else "h3"
        self._emit("heading", {"text": text[:255], "level": level})

    def _quote(self, node):
        attribution = []
        for cite in node.find_all("cite"):
            attribution.append(plain_text(str(cite.extract())))
        paragraphs = node.find_all("p")
        texts = [plain_text(str(p)) for p in paragraphs] or [plain_text(str(node))]
        quote = "\n\n".join(text for text in texts if text)
        if quote:
            self._emit(
                "pull_quote",
                {
                    "quote": quote,
                    "attribution": " ".join(a for a in attribution if a)[:255],
                },
            )

    def _table(self, node, caption=""):
        """
        A table block: cell text in a grid, merged cells and alignment kept,
        header row and column as the markup marks them.
        """
        html_caption = node.find("caption")
        if html_caption is not None and not caption:
            caption = plain_text(str(html_caption))
        rows = [
            row
            for row in node.find_all("tr")
            if row.find_parent("table") is node and row.find(["th", "td"])
        ]
        grid, cells, merged = {}, [], []
        for row_index, row in enumerate(rows):
            col_index = 0
            for cell in row.find_all(["th", "td"], recursive=False):
                while (row_index, col_index) in grid:
                    col_index += 1
                colspan = _span(cell.get("colspan"))
                rowspan = _span(cell.get("rowspan"))
                for r in range(row_index, row_index + rowspan):
                    for c in range(col_index, col_index + colspan):
                        grid[(r, c)] = ""
                grid[(row_index, col_index)] = plain_text(str(cell))
                if colspan > 1 or rowspan > 1:
                    merged.append(
                        {
                            "row": row_index,
                            "col": col_index,
                            "rowspan": rowspan,
                            "colspan": colspan,
                        }
                    )
                align = _cell_alignment(cell)
                if align:
                    cells.append(
                        {"row": row_index, "col": col_index, "className": align}
                    )
                col_index += colspan
        if not grid:
            return
        height = max(r for r, _c in grid) + 1
        width = max(c for _r, c in grid) + 1
        data = [[grid.get((r, c), "") for c in range(width)] for r in range(height)]
        header_row = bool(node.find("thead")) or bool(rows and not rows[0].find("td"))
        body_rows = rows[1:] if header_row else rows
        header_column = bool(body_rows) and all(
            (first := row.find(["th", "td"], recursive=False)) is not None
            and first.name == "th"
            for row in body_rows
        )
        choice = {
            (True, True): "both",
            (True, False): "row",
            (False, True): "column",
            (False, False): "neither",
        }[(header_row, header_column)]
        value = {
            "data": data,
            "table_caption": caption[:255],
            "table_header_choice": choice,
            "first_row_is_table_header": header_row,
            "first_col_is_header": header_column,
            "cell": cells,
        }
        if merged:
            value["mergedCells"] = merged
        self._emit("table", value)

    def _pre(self, node):
        """Code and preformatted text: a code block, every space kept."""
        code = node.find("code") or node
        text = code.get_text()
        # HTML ignores a newline straight after <pre>; WordPress writes one.
        if text.startswith("\n"):
            text = text[1:]
        if not text.strip():
            return
        self._emit("code", {"language": _code_language(node), "code": text})

    def _details(self, node):
        """A details block: the summary is the question, the rest the answer."""
        summary = node.find("summary")
        question = plain_text(str(summary)) if summary else ""
        if summary is not None:
            summary.extract()
        answer = clean_rich_text(
            wpautop(node.decode_contents())
            if not node.find("p")
            else node.decode_contents()
        )
        if not question:
            # Nothing to open it by: keep the text as text.
            self._close_inline()
            self._html.append(answer)
            return
        self._emit("details", {"question": question[:255], "answer": answer})

    def _gallery(self, items):
        """``items`` of (img, wp_id, caption) as one gallery block, in order."""
        images = []
        for img, wp_id, caption in items:
            image_id = self._resolve_image(img, wp_id)
            if image_id is not None:
                images.append(
                    {"image": image_id, "caption": caption[:500], "credit": ""}
                )
        if images:
            self._emit("gallery", {"title": "", "images": images})

    def _media(self, node):
        name = node.name
        if name == "wp-gallery":
            ids = [int(i) for i in re.findall(r"\d+", node.get("data-ids", ""))]
            self._gallery(
                [
                    (None, wp_id, "")
                    for wp_id in ids or self.resolver.attachments_of(self.post_id)
                ]
            )
        elif name == "wp-embed":
            self._embed(node.get("data-url", ""))
        elif name == "wp-player":
            self._shortcode_player(node)
        elif name in ("audio", "video"):
            self._player(
                name,
                None,
                _player_source(node),
                node.get("title", ""),
                node.get("poster", ""),
            )
        elif name == "iframe":
            self._iframe(node)
        elif name == "figure":
            caption = node.find("figcaption")
            images = node.find_all("img")
            for img in images:
                self._image(
                    img,
                    caption=plain_text(str(caption))
                    if caption and len(images) == 1
                    else "",
                    align=" ".join(node.get("class", [])),
                )
        elif name == "img":
            self._image(node)

    def _shortcode_player(self, node):
        """An ``[audio]``/``[video]`` player, or a ``[playlist]``'s files one by one."""
        kind = node.get("data-kind", "audio")
        if not node.get("data-playlist"):
            self._player(
                kind, None, node.get("data-url", ""), poster=node.get("data-poster", "")
            )
            return
        ids = re.findall(r"\d+", node.get("data-ids", ""))
        if not ids:
            # WordPress plays the post's own attachments of that kind.
            ids = [
                key
                for key in self.resolver.attachments_of(self.post_id)
                if self.resolver.image_id(key) is None
            ]
        if not ids:
            self._drop_file(kind, "", None, "the playlist names no file")
        for wp_id in ids:
            self._player(kind, wp_id, "")

    def _iframe(self, node):
        src = node.get("src", "")
        for pattern, template in (
            (_YOUTUBE_EMBED, "https://www.youtube.com/watch?v={}"),
            (_VIMEO_EMBED, "https://vimeo.com/{}"),
        ):
            match = pattern.match(src)
            if match:
                self._embed(template.format(match.group(1)))
                return
        self._warn(f"left out an embedded frame: {src or '(no address)'}")

    def _embed(self, url):
        url = (url or "").strip()
        if url and self.resolver.embed_accepts(url):
            self._emit("embed", url)
        elif url:
            # Not a known oEmbed provider: keep it as a link rather than lose it.
            self._close_inline()
            escaped = html_lib.escape(url)
            self._html.append(f'<p><a href="{escaped}">{escaped}</a></p>')

    def _resolve_image(self, img, wp_id):
        """The imported image for ``img`` or attachment ``wp_id``, or None (said in warnings)."""
        src = ""
        if img is not None:
            src = img.get("src", "")
            if wp_id is None:
                match = _WP_IMAGE_CLASS.search(" ".join(img.get("class", [])))
                wp_id = match.group(1) if match else img.get("data-id")
        try:
            wp_id = int(wp_id) if wp_id not in (None, "") else None
        except (TypeError, ValueError):
            wp_id = None
        image_id = self.resolver.image_id(wp_id, src)
        if image_id is None:
            self._warn(
                f"left out an image that was not imported: {src or f'attachment {wp_id}'}"
            )
            return None
        self.result.images.add(image_id)
        return image_id

    def _image(self, img, *, wp_id=None, caption="", align=""):
        image_id = self._resolve_image(img, wp_id)
        if image_id is None:
            return
        if img is not None:
            align = f"{align} {' '.join(img.get('class', []))}"
        inline = bool(re.search(r"\b(alignleft|alignright|left|right)\b", align))
        self._emit(
            "image",
            {
                "image": image_id,
                "caption": caption[:255],
                "alignment": "inline" if inline else "full",
            },
        )


def _span(value):
    try:
        return max(1, min(int(value), 100))
    except (TypeError, ValueError):
        return 1


def _cell_alignment(cell):
    """Handsontable's class for a cell's alignment (``has-text-align-right``, ``style``)."""
    for name in cell.get("class", []):
        if name.startswith("has-text-align-"):
            return HANDSONTABLE_ALIGN.get(name.removeprefix("has-text-align-"))
    match = _TEXT_ALIGN.search(cell.get("style", "") or cell.get("align", ""))
    if match:
        return HANDSONTABLE_ALIGN[match.group(1).lower()]
    if cell.get("align", "").lower() in HANDSONTABLE_ALIGN:
        return HANDSONTABLE_ALIGN[cell["align"].lower()]
    return None


def _player_source(node):
    """The file an ``<audio>`` or ``<video>`` element plays: its ``src``, else its first source."""
    if node.get("src"):
        return node["src"]
    source = node.find("source", src=True)
    return source["src"] if source else ""


def _code_language(node):
    """The language a code block names (``lang``, ``language-x``), if the block offers it."""
    code = node.find("code")
    candidates = []
    for element in (node, code):
        if element is None:
            continue
        candidates.append(element.get("lang", "") or element.get("data-lang", ""))
        candidates.extend(
            name.removeprefix("language-").removeprefix("lang-")
            for name in element.get("class", [])
        )
    for name in candidates:
        if name and name.lower() in CODE_LANGUAGE_NAMES:
            return name.lower()
    return ""


def query_post_id(url):
    """The post ID of a ``?p=123`` or ``?page_id=123`` link, or None."""
    query = parse_qs(urlparse(url).query)
    for key in ("p", "page_id", "attachment_id"):
        values = query.get(key)
        if values and values[0].isdigit():
            return int(values[0])
    return None
