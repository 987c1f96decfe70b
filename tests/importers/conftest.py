"""Fixtures for the WordPress import: the Theme Unit Test export, media files, small exports."""

from pathlib import Path
from textwrap import dedent

import pytest
from PIL import Image

from blog.importers.wordpress import WordPressImporter

FIXTURES = Path(__file__).with_name("fixtures")
THEME_EXPORT = FIXTURES / "themeunittestdata.wordpress.xml"

# Attachments of the Theme Unit Test export given a local file: (path, colour).
THEME_MEDIA = {
    611: "2008/06/canola2.jpg",
    754: "2008/06/100_5478.jpg",
    967: "2013/03/image-alignment-580x300.jpg",
    1022: "2013/03/featured-image-horizontal.jpg",
}


@pytest.fixture(autouse=True)
def _offline_embeds(settings):
    """Embeds are recognised as in production but never fetched."""
    settings.WAGTAILEMBEDS_FINDERS = [
        {"class": "tests.importers.offline.OfflineOEmbedFinder"}
    ]


def write_image(path, colour=(90, 120, 160), size=(64, 48)):
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, colour).save(path, "JPEG")
    return path


@pytest.fixture
def theme_media(tmp_path):
    """A local uploads folder holding real JPEGs for four of the export's attachments."""
    root = tmp_path / "uploads"
    for n, relative in enumerate(THEME_MEDIA.values()):
        write_image(root / relative, colour=(40 * n, 90, 160))
    return root


# The audio, video and files the Theme Unit Test export's posts play or link:
# two attachments (an MP3, a QuickTime video) and three files that are not
# attachments (a PDF, an image offered for download, an OGG from another host).
THEME_FILES = (
    "2008/06/originaldixielandjazzbandwithalbernard-stlouisblues.mp3",
    "2013/12/2014-slider-mobile-behavior.mov",
    "2018/11/file_block.pdf",
    "Armstrong_Small_Step.ogg",
)


@pytest.fixture
def theme_media_with_files(theme_media):
    """``theme_media`` plus every audio, video and other file the export's posts use."""
    for relative in THEME_FILES:
        path = theme_media / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"%s: not real media, only bytes to keep" % relative.encode())
    write_image(theme_media / "2008/06/dsc04563.jpg", colour=(200, 60, 30))
    return theme_media


def run(path, **options):
    return WordPressImporter(path, **options).run()


SITE = "https://newsroom.example"


def item(
    wp_id,
    *,
    title="A post",
    slug=None,
    status="publish",
    post_type="post",
    content="",
    excerpt="",
    date="2015-03-04 05:06:07",
    modified=None,
    creator="reporter",
    password="",
    parent=0,
    attachment_url="",
    terms="",
    meta="",
    comments="",
):
    slug = slug if slug is not None else f"post-{wp_id}"
    link = f"{SITE}/2015/03/{slug}/" if post_type == "post" else f"{SITE}/?p={wp_id}"
    attachment = (
        f"<wp:attachment_url>{attachment_url}</wp:attachment_url>"
        if attachment_url
        else ""
    )
    return f"""
    <item>
      <title><![CDATA[{title}]]></title>
      <link>{link}</link>
      <dc:creator><![CDATA[{creator}]]></dc:creator>
      <guid isPermaLink="false">{SITE}/?p={wp_id}</guid>
      <content:encoded><![CDATA[{content}]]></content:encoded>
      <excerpt:encoded><![CDATA[{excerpt}]]></excerpt:encoded>
      <wp:post_id>{wp_id}</wp:post_id>
      <wp:post_date_gmt>{date}</wp:post_date_gmt>
      <wp:post_modified_gmt>{modified or date}</wp:post_modified_gmt>
      <wp:post_name><![CDATA[{slug}]]></wp:post_name>
      <wp:status><![CDATA[{status}]]></wp:status>
      <wp:post_parent>{parent}</wp:post_parent>
      <wp:post_type><![CDATA[{post_type}]]></wp:post_type>
      <wp:post_password><![CDATA[{password}]]></wp:post_password>
      {attachment}
      {terms}
      {meta}
      {comments}
    </item>"""


def comment(wp_id, *, parent=0, approved="1", kind="", date="2015-03-05 10:00:00"):
    return f"""
      <wp:comment>
        <wp:comment_id>{wp_id}</wp:comment_id>
        <wp:comment_author><![CDATA[Reader {wp_id}]]></wp:comment_author>
        <wp:comment_author_email>reader{wp_id}@example.com</wp:comment_author_email>
        <wp:comment_author_url>https://reader.example</wp:comment_author_url>
        <wp:comment_author_IP>192.0.2.{wp_id}</wp:comment_author_IP>
        <wp:comment_date_gmt>{date}</wp:comment_date_gmt>
        <wp:comment_content><![CDATA[<p>Comment {wp_id}</p>]]></wp:comment_content>
        <wp:comment_approved>{approved}</wp:comment_approved>
        <wp:comment_type>{kind}</wp:comment_type>
        <wp:comment_parent>{parent}</wp:comment_parent>
      </wp:comment>"""


def export(*items, authors=None):
    authors = authors if authors is not None else [("reporter", "Rita Reporter")]
    header = "".join(
        f"""
    <wp:author>
      <wp:author_login><![CDATA[{login}]]></wp:author_login>
      <wp:author_email>{login}@example.com</wp:author_email>
      <wp:author_display_name><![CDATA[{name}]]></wp:author_display_name>
    </wp:author>"""
        for login, name in authors
    )
    return dedent(
        f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"
  xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/"
  xmlns:content="http://purl.org/rss/1.0/modules/content/"
  xmlns:dc="http://purl.org/dc/elements/1.1/"
  xmlns:wp="http://wordpress.org/export/1.2/">
<channel>
  <title>Newsroom</title>
  <link>{SITE}</link>
  <wp:wxr_version>1.2</wp:wxr_version>
  <wp:base_site_url>{SITE}</wp:base_site_url>
  <wp:base_blog_url>{SITE}</wp:base_blog_url>
  {header}
  {"".join(items)}
</channel>
</rss>
"""
    )


@pytest.fixture
def write_export(tmp_path):
    def write(*items, name="export.xml", **kwargs):
        path = tmp_path / name
        path.write_text(export(*items, **kwargs), encoding="utf-8")
        return path

    return write
