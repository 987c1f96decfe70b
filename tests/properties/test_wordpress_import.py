"""
The WordPress importer reads files it did not write: any export, however
malformed, is read or refused with ``WXRError``, and any post content becomes
StreamField data the article body accepts.
"""

import contextlib
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import given
from hypothesis import strategies as st

from blog.blocks import ArticleBodyBlock
from blog.importers.content import ContentConverter
from blog.importers.documents import LinkedFile
from blog.importers.wxr import WXRError, WXRReader

from .conftest import pure

NAMESPACES = (
    'xmlns:wp="http://wordpress.org/export/1.2/" '
    'xmlns:content="http://purl.org/rss/1.0/modules/content/" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/"'
)
# Text as an export may carry it: any printable character, digits in every
# script, WordPress's zero dates.
values = st.text(
    alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=30
) | st.sampled_from(
    ["0", "12", "²", "٣", "-4", "0000-00-00 00:00:00", "2026-02-30 10:00:00"]
)
ITEM_FIELDS = [
    "wp:post_id", "wp:post_type", "wp:status", "title", "link", "wp:post_name",
    "dc:creator", "content:encoded", "wp:post_date_gmt", "wp:post_date",
    "wp:post_parent", "wp:attachment_url",
]  # fmt: skip
COMMENT_FIELDS = ["wp:comment_id", "wp:comment_parent", "wp:comment_date_gmt"]


def element(name, text):
    return f"<{name}>{escape(text)}</{name}>"


items = st.builds(
    lambda fields, comments: (
        "<item>"
        + "".join(element(name, text) for name, text in fields.items())
        + "".join(
            "<wp:comment>"
            + "".join(element(name, text) for name, text in comment.items())
            + "</wp:comment>"
            for comment in comments
        )
        + "</item>"
    ),
    st.dictionaries(st.sampled_from(ITEM_FIELDS), values),
    st.lists(st.dictionaries(st.sampled_from(COMMENT_FIELDS), values), max_size=2),
)
exports = st.builds(
    lambda version, body: (
        f'<?xml version="1.0" encoding="UTF-8"?><rss {NAMESPACES}>'
        f"<channel>{version}{''.join(body)}</channel></rss>"
    ),
    st.sampled_from(["<wp:wxr_version>1.2</wp:wxr_version>", ""]),
    st.lists(items, max_size=3),
)
# Whole exports cut short or with bytes flipped: what a failed download leaves.
damaged = st.builds(
    lambda text, cut, junk: text.encode()[:cut] + junk,
    exports,
    st.integers(min_value=0, max_value=2000),
    st.binary(max_size=20),
)


def read_all(content):
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "export.xml"
        path.write_bytes(content)
        reader = WXRReader(str(path))
        return list(reader.items()), reader.header


@pure
@given(export=exports)
def test_any_well_formed_export_is_read_or_refused(export):
    with contextlib.suppress(WXRError):
        read_all(export.encode())


@pure
@given(content=damaged)
def test_a_damaged_export_is_refused_with_a_reason(content):
    try:
        read_all(content)
    except WXRError as error:
        assert str(error)


class Resolver:
    """Nothing imported yet: no image, page or attachment resolves."""

    def image_id(self, wp_id, url=""):
        return None

    def page_id(self, url):
        return None

    def document_id(self, url):
        return None

    def file(self, wp_id, url="", title=""):
        return LinkedFile(None, missing="not in the export")

    def attachments_of(self, post_id):
        return []

    def embed_accepts(self, url):
        return False


markup = st.lists(
    st.sampled_from(
        [
            "<p>", "</p>", "<h2>", "</h2>", "<blockquote>", "</blockquote>",
            "<ul><li>", "</li></ul>", "<img src='x.jpg' class='wp-image-3'>",
            "<!-- wp:paragraph -->", "<!-- /wp:paragraph -->",
            "<!-- wp:image {\"id\":3} -->", "<!-- /wp:image -->",
            "<!-- wp:heading {\"level\":9} -->", "<!-- /wp:heading -->",
            "[caption id=\"a\"]", "[/caption]", "[gallery ids=\"1,2\"]",
            "<script>x</script>", "<a href='javascript:x'>", "</a>", "\n\n", "&amp;", "<",
        ]
    )
    | st.text(max_size=15),
    max_size=25,
).map("".join)  # fmt: skip


@pure
@given(content=markup)
def test_any_post_content_converts_to_blocks_the_body_accepts(content):
    conversion = ContentConverter(Resolver(), post_id=1).convert(content)

    body = ArticleBodyBlock()
    value = body.to_python(conversion.blocks)
    assert "<script" not in str(body.get_prep_value(value)).lower()
