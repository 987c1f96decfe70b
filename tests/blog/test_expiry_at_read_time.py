"""An expired story leaves the feeds, the sitemaps and the site the moment it expires,
without waiting for the scheduler to take it offline."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.utils import timezone

from blog.models import ArticlePage
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db

HEADLINE = "Ceasefire holds for a third day"


@pytest.fixture
def expired_story(newsroom):
    author = AuthorPageFactory(parent=newsroom.authors, slug="sofia")
    story = ArticlePageFactory(
        parent=newsroom.news, title=HEADLINE, slug="ceasefire", authors=[author]
    )
    # Expired a minute ago; the scheduler has not run, so it is still live.
    ArticlePage.objects.filter(pk=story.pk).update(
        expire_at=timezone.now() - timedelta(minutes=1)
    )
    story.refresh_from_db()
    assert story.live
    return story


@pytest.mark.parametrize(
    "url",
    [
        "/feeds/articles.rss",
        "/feeds/articles.atom",
        "/feeds/authors/sofia.rss",
        "/sitemap.xml",
        "/sitemap-news.xml",
        "/",
        "/news/",
        "/authors/sofia/",
    ],
)
def test_an_expired_story_is_not_listed(client, expired_story, url):
    response = client.get(url)

    assert response.status_code == HTTPStatus.OK
    body = response.content.decode()
    assert HEADLINE not in body
    assert "ceasefire" not in body


def test_an_expired_story_is_not_served_on_the_site(client, expired_story):
    assert client.get(expired_story.url).status_code == HTTPStatus.NOT_FOUND


def test_a_story_expiring_later_is_still_listed(client, newsroom):
    ArticlePageFactory(
        parent=newsroom.news,
        title=HEADLINE,
        expire_at=timezone.now() + timedelta(hours=1),
    )

    assert HEADLINE in client.get("/feeds/articles.rss").content.decode()
    assert HEADLINE in client.get("/news/").content.decode()
