"""The server-rendered site, sitemaps and feeds of each edition."""

from http import HTTPStatus

import feedparser
import pytest

from .conftest import ARABIC_TITLE

pytestmark = pytest.mark.django_db

ENGLISH_PATH = "/news/syrian-regime-seeks-regional-support/"
ARABIC_PATH = "/ar/news/syrian-regime-seeks-regional-support/"


def test_arabic_page_is_right_to_left_and_links_its_alternates(client, arabic_article):
    html = client.get(ARABIC_PATH).content.decode()

    assert '<html lang="ar" dir="rtl">' in html
    assert f'hreflang="en-GB" href="http://localhost{ENGLISH_PATH}"' in html
    assert f'hreflang="ar" href="http://localhost{ARABIC_PATH}"' in html
    assert f'hreflang="x-default" href="http://localhost{ENGLISH_PATH}"' in html


def test_english_page_stays_left_to_right_at_its_old_url(client, arabic_article):
    response = client.get(ENGLISH_PATH)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert '<html lang="en-gb" dir="ltr">' in html
    assert f'hreflang="ar" href="http://localhost{ARABIC_PATH}"' in html


def test_a_page_without_translations_names_no_alternates(client, english_article):
    html = client.get(ENGLISH_PATH).content.decode()

    assert "hreflang" not in html


def test_sitemap_lists_both_editions_with_hreflang_and_x_default(
    client, arabic_article
):
    xml = client.get("/sitemap.xml").content.decode()

    assert f"<loc>http://localhost{ARABIC_PATH}</loc>" in xml
    assert f"<loc>http://localhost{ENGLISH_PATH}</loc>" in xml
    assert (
        f'<xhtml:link rel="alternate" hreflang="ar" href="http://localhost{ARABIC_PATH}"/>'
        in xml
    )
    assert (
        '<xhtml:link rel="alternate" hreflang="x-default" '
        f'href="http://localhost{ENGLISH_PATH}"/>' in xml
    )


def test_each_edition_has_its_own_feed(client, arabic_article):
    english = feedparser.parse(client.get("/feeds/articles.rss").content)
    arabic = feedparser.parse(client.get("/ar/feeds/articles.rss").content)
    arabic_json = client.get("/ar/feeds/articles.json").json()

    assert [entry.title for entry in arabic.entries] == [ARABIC_TITLE]
    assert arabic.feed.language == "ar"
    assert ARABIC_TITLE not in [entry.title for entry in english.entries]
    assert english.feed.language == "en-gb"
    assert arabic_json["language"] == "ar"
    assert arabic_json["items"][0]["url"].endswith(ARABIC_PATH)
