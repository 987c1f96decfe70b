"""Drafts, private, expired and unapproved content never reaches the public API."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone
from wagtail.models import PageViewRestriction

from tests.factories import ArticlePageFactory, paragraphs


@pytest.fixture
def hidden(newsroom, author, rebuild):
    """One live article with a pending draft, and three that must stay hidden."""
    live = ArticlePageFactory(
        parent=newsroom.news,
        title="Live story",
        slug="live",
        authors=[author],
        topics=["Open"],
    )
    live.title = "UNAPPROVED HEADLINE"
    live.body = paragraphs("Unapproved text.")
    live.save_revision()
    draft = ArticlePageFactory(
        parent=newsroom.news,
        title="Draft story",
        slug="draft",
        authors=[author],
        topics=["Secret"],
        live=False,
    )
    private = ArticlePageFactory(
        parent=newsroom.news,
        title="Private story",
        slug="private",
        authors=[author],
        topics=["Secret"],
    )
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    expired = ArticlePageFactory(
        parent=newsroom.news,
        title="Expired story",
        slug="expired",
        authors=[author],
        topics=["Secret"],
        expire_at=timezone.now() + datetime.timedelta(hours=1),
    )
    rebuild()
    # Past its expiry, but the scheduler has not unpublished it yet.
    type(expired).objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    from cms.publishing.models import DeliveryDocument

    DeliveryDocument.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    return {"live": live, "draft": draft, "private": private, "expired": expired}


def _everything(client, hidden, author):
    """The text of every public endpoint a hidden page could leak through."""
    urls = [
        "/api/v1/articles/",
        "/api/v1/articles/?order=title&limit=100",
        f"/api/v1/authors/{author.pk}/",
        "/api/v1/topics/",
        "/api/v1/search/?q=story",
        "/api/v1/search/?q=unapproved",
    ]
    return "".join(client.get(url).content.decode() for url in urls)


def test_anonymous_api_never_sees_hidden_articles_in_lists(client, hidden, author):
    text = _everything(client, hidden, author)

    assert "Live story" in text
    for word in ("Draft story", "Private story", "Expired story", "secret"):
        assert word not in text


def test_anonymous_api_never_sees_draft_revision(client, hidden):
    live = hidden["live"]

    detail = client.get(f"/api/v1/articles/{live.pk}/").json()

    assert detail["title"] == "Live story"
    assert "Unapproved" not in detail["body_html"]


def test_hidden_articles_are_not_found_by_any_route(client, hidden):
    for name in ("draft", "private", "expired"):
        page = hidden[name]

        responses = [
            client.get(f"/api/v1/articles/{page.pk}/"),
            client.get("/api/v1/articles/by-path/", {"path": f"/news/{page.slug}/"}),
            client.get(f"/api/v1/articles/by-slug/{page.slug}/"),
            client.get("/api/v1/find/", {"path": f"/news/{page.slug}/"}),
        ]

        assert [r.status_code for r in responses] == [HTTPStatus.NOT_FOUND] * 4, name
        assert all(r["Content-Type"] == "application/problem+json" for r in responses)


def test_author_counts_only_visible_articles(client, hidden, author):
    detail = client.get(f"/api/v1/authors/{author.pk}/").json()

    assert detail["article_count"] == 1
    assert [a["title"] for a in detail["latest_articles"]] == ["Live story"]


def test_draft_author_is_left_out_of_bylines(client, newsroom, rebuild):
    from tests.factories import AuthorPageFactory

    ghost = AuthorPageFactory(parent=newsroom.authors, title="Ghost Writer", live=False)
    article = ArticlePageFactory(parent=newsroom.news, authors=[ghost])
    rebuild()

    detail = client.get(f"/api/v1/articles/{article.pk}/").json()

    assert detail["authors"] == []
    assert (
        client.get(f"/api/v1/authors/{ghost.pk}/").status_code == HTTPStatus.NOT_FOUND
    )
