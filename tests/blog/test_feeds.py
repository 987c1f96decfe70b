"""Readers subscribe to every article, an author or a topic in RSS, Atom or JSON Feed."""

from http import HTTPStatus

import feedparser
import pytest

from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    paragraphs,
)

pytestmark = pytest.mark.django_db


def parse(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    parsed = feedparser.parse(
        response.content,
        response_headers={"content-type": response["Content-Type"]},
    )
    assert not parsed.bozo, parsed.get("bozo_exception")
    return response, parsed


@pytest.fixture
def stories(newsroom):
    sofia = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    omar = AuthorPageFactory(parent=newsroom.authors, title="Omar Haddad")
    syria = ArticlePageFactory(
        parent=newsroom.news,
        title="Regime seeks support",
        standfirst="Damascus turns to its neighbours.",
        body=paragraphs("The whole story, in depth."),
        authors=[sofia, omar],
        topics=["Syria", "Iran"],
        hero_image=ImageFactory(),
    )
    iraq = ArticlePageFactory(
        parent=newsroom.news, title="Baghdad summit", authors=[omar], topics=["Iraq"]
    )
    draft = ArticlePageFactory(
        parent=newsroom.news, title="Unfinished draft", authors=[sofia], live=False
    )
    return {"sofia": sofia, "omar": omar, "syria": syria, "iraq": iraq, "draft": draft}


@pytest.mark.parametrize("fmt", ["rss", "atom"])
def test_article_feed_lists_live_articles_with_byline_topics_and_hero_image(
    client, stories, fmt
):
    _response, parsed = parse(client, f"/feeds/articles.{fmt}")
    titles = [entry.title for entry in parsed.entries]
    assert titles == ["Baghdad summit", "Regime seeks support"]
    entry = parsed.entries[1]
    assert "Sofia Nawab" in entry.author
    assert {tag.term for tag in entry.tags} == {"Syria", "Iran"}
    assert entry.link == stories["syria"].get_full_url()
    assert "Damascus turns to its neighbours." in entry.summary
    assert "The whole story" not in entry.summary
    enclosure = next(link for link in entry.links if link.rel == "enclosure")
    assert enclosure.type == "image/jpeg"
    assert int(enclosure.length) > 0
    assert enclosure.href.startswith("http://testserver/")


def test_full_content_feed_carries_the_article_body(client, stories):
    _response, parsed = parse(client, "/feeds/articles.rss?full=1")
    entry = next(e for e in parsed.entries if e.title == "Regime seeks support")
    assert "The whole story, in depth." in entry.summary


def test_json_feed_is_json_feed_1_1(client, stories):
    # feedparser 6.0 reads only XML feeds, so JSON Feed's required members are
    # checked here directly against the 1.1 specification.
    response = client.get("/feeds/articles.json")
    assert response["Content-Type"].startswith("application/feed+json")
    document = response.json()
    assert document["version"] == "https://jsonfeed.org/version/1.1"
    assert document["feed_url"] == "http://testserver/feeds/articles.json"
    assert {"title", "home_page_url", "items"} <= set(document)
    assert [i["title"] for i in document["items"]] == [
        "Baghdad summit",
        "Regime seeks support",
    ]
    for item in document["items"]:
        assert item["id"] and item["url"]
        assert "content_html" in item or "content_text" in item
    syria = document["items"][1]
    assert syria["url"] == stories["syria"].get_full_url()
    assert [a["name"] for a in syria["authors"]] == ["Sofia Nawab", "Omar Haddad"]
    assert set(syria["tags"]) == {"Syria", "Iran"}
    assert syria["attachments"][0]["mime_type"] == "image/jpeg"
    assert syria["attachments"][0]["size_in_bytes"] > 0


def test_author_feed_lists_only_that_authors_live_articles(client, stories):
    _response, parsed = parse(client, f"/feeds/authors/{stories['sofia'].slug}.atom")
    assert [e.title for e in parsed.entries] == ["Regime seeks support"]
    assert "Sofia Nawab" in parsed.feed.title


def test_topic_feed_lists_only_articles_on_that_topic(client, stories):
    _response, parsed = parse(client, "/feeds/topics/iraq.rss")
    assert [e.title for e in parsed.entries] == ["Baghdad summit"]


def test_unknown_author_topic_or_format_is_not_found(client, stories):
    assert client.get("/feeds/authors/nobody.rss").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/feeds/topics/nothing.rss").status_code == HTTPStatus.NOT_FOUND
    assert client.get("/feeds/articles.xml").status_code == HTTPStatus.NOT_FOUND


def test_unpublished_article_leaves_the_feed(client, stories):
    stories["iraq"].unpublish()
    _response, parsed = parse(client, "/feeds/articles.rss")
    assert [e.title for e in parsed.entries] == ["Regime seeks support"]


def test_pages_advertise_their_feeds(client, stories, newsroom):
    home = client.get("/").content.decode()
    assert 'type="application/rss+xml"' in home
    assert 'href="/feeds/articles.atom"' in home
    author_page = client.get(stories["sofia"].url).content.decode()
    assert f'href="/feeds/authors/{stories["sofia"].slug}.rss"' in author_page
    topic_page = client.get(newsroom.news.url + "?topic=syria").content.decode()
    assert 'href="/feeds/topics/syria.rss"' in topic_page
