from blog.importers.autop import wpautop
from blog.importers.content import ContentConverter, parse_blocks
from blog.importers.documents import LinkedFile


class Resolver:
    """
    Answers the converter's questions from plain dictionaries; ``files``
    maps an attachment ID or a URL to (document id, title).
    """

    def __init__(self, images=None, pages=None, attachments=None, files=None):
        self.images = images or {}
        self.pages = pages or {}
        self.attachments = attachments or {}
        self.files = files or {}

    def image_id(self, wp_id, url=""):
        return self.images.get(wp_id) or self.images.get(url)

    def file(self, wp_id, url="", title=""):
        found = self.files.get(url) if url else self.files.get(wp_id)
        if found is None:
            return LinkedFile(None, missing="file not found in --media-dir")
        return LinkedFile(*found)

    def document_id(self, url):
        found = self.files.get(url)
        return found[0] if found else None

    def page_id(self, url):
        return self.pages.get(url)

    def attachments_of(self, post_id):
        return self.attachments.get(post_id, [])

    def embed_accepts(self, url):
        return "youtube.com" in url or "twitter.com" in url


def convert(content, resolver=None, post_id=1):
    return ContentConverter(resolver or Resolver(), post_id=post_id).convert(content)


def types(conversion):
    return [block["type"] for block in conversion.blocks]


def test_wpautop_turns_blank_lines_into_paragraphs_and_single_breaks_into_br():
    html = wpautop(
        "First line\nsame paragraph\n\nSecond paragraph\n<ul>\n<li>x</li>\n</ul>"
    )
    assert html.startswith("<p>First line<br />\nsame paragraph</p>")
    assert "<p>Second paragraph</p>" in html
    assert "<p><ul>" not in html


def test_classic_post_becomes_one_rich_text_block_with_its_paragraphs():
    result = convert("One.\n\nTwo <em>words</em>.")
    assert result.blocks == [
        {"type": "paragraph", "value": "<p>One.</p><p>Two <em>words</em>.</p>"}
    ]


def test_headings_quotes_and_embeds_become_their_own_blocks():
    result = convert(
        "Intro.\n<h2>Section</h2>\n<h4>Minor</h4>\n"
        "<blockquote>Stay hungry.\n<cite>Steve</cite></blockquote>\n\n"
        "https://www.youtube.com/watch?v=abc\n\nOutro."
    )
    assert types(result) == [
        "paragraph",
        "heading",
        "heading",
        "pull_quote",
        "embed",
        "paragraph",
    ]
    assert result.blocks[1]["value"] == {"text": "Section", "level": "h2"}
    assert result.blocks[2]["value"]["level"] == "h3"
    assert result.blocks[3]["value"] == {
        "quote": "Stay hungry.",
        "attribution": "Steve",
    }
    assert result.blocks[4]["value"] == "https://www.youtube.com/watch?v=abc"


def test_block_editor_markup_maps_to_blocks_and_drops_layout():
    content = """
<!-- wp:paragraph --><p>Hello <strong>there</strong>.</p><!-- /wp:paragraph -->
<!-- wp:heading {"level":3} --><h3>Details</h3><!-- /wp:heading -->
<!-- wp:image {"id":7,"align":"left"} -->
<figure class="wp-block-image alignleft"><img src="https://x.example/a.jpg" class="wp-image-7"/><figcaption>A caption</figcaption></figure>
<!-- /wp:image -->
<!-- wp:group --><div class="wp-block-group"><!-- wp:columns --><div><!-- wp:column --><div>
<!-- wp:quote --><blockquote class="wp-block-quote"><p>Quoted.</p><cite>Someone</cite></blockquote><!-- /wp:quote -->
</div><!-- /wp:column --></div><!-- /wp:columns --></div><!-- /wp:group -->
<!-- wp:core-embed/twitter {"url":"https://twitter.com/wp/status/1"} -->
<figure><div>https://twitter.com/wp/status/1</div></figure>
<!-- /wp:core-embed/twitter -->
<!-- wp:separator --><hr class="wp-block-separator"/><!-- /wp:separator -->
<!-- wp:latest-posts /-->
"""
    result = convert(content, Resolver(images={7: 70}))
    assert types(result) == ["paragraph", "heading", "image", "pull_quote", "embed"]
    assert result.blocks[0]["value"] == "<p>Hello <strong>there</strong>.</p>"
    assert result.blocks[1]["value"] == {"text": "Details", "level": "h3"}
    assert result.blocks[2]["value"] == {
        "image": 70,
        "caption": "A caption",
        "alignment": "inline",
    }
    assert result.blocks[3]["value"] == {"quote": "Quoted.", "attribution": "Someone"}
    assert result.blocks[4]["value"] == "https://twitter.com/wp/status/1"
    assert result.warnings == [
        "left out blocks WordPress builds on the fly: core/latest-posts"
    ]


def test_block_parser_nests_inner_blocks():
    blocks = parse_blocks(
        '<!-- wp:group {"a":1} --><div><!-- wp:paragraph --><p>x</p>'
        "<!-- /wp:paragraph --></div><!-- /wp:group -->"
    )
    assert [b.name for b in blocks] == ["core/group"]
    assert blocks[0].attrs == {"a": 1}
    assert [b.name for b in blocks[0].inner] == ["core/paragraph"]


def test_caption_shortcode_is_an_image_and_gallery_shortcode_a_gallery():
    resolver = Resolver(images={5: 50, 6: 60, 8: 80}, attachments={1: [6, 8]})
    result = convert(
        '[caption id="attachment_5" align="alignnone"]<img class="wp-image-5" '
        'src="https://x.example/five.jpg" /> Bell on a wharf[/caption]\n\n[gallery]',
        resolver,
    )
    assert types(result) == ["image", "gallery"]
    assert result.blocks[0]["value"]["caption"] == "Bell on a wharf"
    assert result.blocks[0]["value"]["image"] == 50
    gallery = result.blocks[1]["value"]["images"]
    assert [item["image"] for item in gallery] == [60, 80]


def test_images_that_were_not_imported_are_reported():
    result = convert('<img src="https://elsewhere.example/x.jpg">')
    assert result.blocks == []
    assert result.warnings == [
        "left out an image that was not imported: https://elsewhere.example/x.jpg"
    ]


def test_unsafe_and_unknown_markup_is_sanitised_to_rich_text():
    result = convert(
        '<p class="x" style="color:red" onclick="steal()">Text '
        '<a href="javascript:alert(1)">bad</a> <span>kept</span></p>'
        "<script>alert(1)</script><table><tr><td>a</td><td>b</td></tr></table>"
    )
    html = "".join(b["value"] for b in result.blocks if b["type"] == "paragraph")
    assert "script" not in html and "alert" not in html
    assert "style" not in html and "onclick" not in html and "class" not in html
    assert "<p>Text <a>bad</a> kept</p>" in html
    assert result.blocks[-1] == {
        "type": "table",
        "value": {
            "data": [["a", "b"]],
            "table_caption": "",
            "table_header_choice": "neither",
            "first_row_is_table_header": False,
            "first_col_is_header": False,
            "cell": [],
        },
    }


def test_internal_links_become_wagtail_page_links():
    resolver = Resolver(pages={"https://newsroom.example/2015/03/other/": 42})
    result = convert(
        '<a href="https://newsroom.example/2015/03/other/" target="_blank">Other</a> '
        'and <a href="https://elsewhere.example/">elsewhere</a>',
        resolver,
    )
    assert result.blocks[0]["value"] == (
        '<p><a id="42" linktype="page">Other</a> and '
        '<a href="https://elsewhere.example/">elsewhere</a></p>'
    )
