"""Search engines find every public page, this week's news, and where both are."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from blog.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db

NS = {
    "sm": "http://www.sitemaps.org/schemas/sitemap/0.9",
    "news": "http://www.google.com/schemas/sitemap-news/0.9",
}


def locations(client, url):
    response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    root = ET.fromstring(response.content)  # noqa: S314  (our own output)
    return root, [loc.text for loc in root.findall("sm:url/sm:loc", NS)]


def test_sitemap_lists_live_public_pages_but_not_drafts_or_hidden_ones(
    client, newsroom
):
    live = ArticlePageFactory(parent=newsroom.news, title="Live story")
    author = AuthorPageFactory(parent=newsroom.authors)
    draft = ArticlePageFactory(parent=newsroom.news, live=False)
    hidden = ArticlePageFactory(parent=newsroom.news, noindex=True)
    _root, urls = locations(client, "/sitemap.xml")
    assert live.get_full_url() in urls
    assert author.get_full_url() in urls
    assert newsroom.news.get_full_url() in urls
    assert draft.get_full_url() not in urls
    assert hidden.get_full_url() not in urls


def test_news_sitemap_lists_only_articles_from_the_last_two_days(client, newsroom):
    fresh = ArticlePageFactory(parent=newsroom.news, title="Fresh & new")
    old = ArticlePageFactory(parent=newsroom.news, title="Last week")
    ArticlePage.objects.filter(pk=old.pk).update(
        first_published_at=timezone.now() - timedelta(days=3)
    )
    root, urls = locations(client, "/sitemap-news.xml")
    assert urls == [fresh.get_full_url()]
    assert root.find("sm:url/news:news/news:title", NS).text == "Fresh & new"
    assert root.find("sm:url/news:news/news:publication/news:name", NS).text


def test_robots_txt_points_at_both_sitemaps(client, newsroom):
    response = client.get("/robots.txt")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain")
    body = response.content.decode()
    assert "Sitemap: http://testserver/sitemap.xml" in body
    assert "Sitemap: http://testserver/sitemap-news.xml" in body
    assert "Disallow: /admin/" in body
