"""ETags, revalidation, the server-side cache and its invalidation on every kind of change."""

from http import HTTPStatus

import pytest
from django.test import override_settings
from django.utils.http import http_date
from wagtail.contrib.frontend_cache.backends.base import BaseBackend

from blog.models import ArticleIndexPage
from tests.factories import ArticlePageFactory

PURGED = []


class RecordingBackend(BaseBackend):
    """A CDN that remembers what it was asked to purge."""

    def purge(self, url):
        PURGED.append(url)

    def purge_batch(self, urls):
        PURGED.extend(urls)


@pytest.fixture
def story(newsroom, author, rebuild):
    article = ArticlePageFactory(
        parent=newsroom.news,
        title="Original headline",
        slug="story",
        authors=[author],
        topics=["Syria"],
    )
    rebuild()
    return article


def test_responses_carry_validators_and_cache_control(client, story):
    response = client.get(f"/api/v1/articles/{story.pk}/")

    assert response["ETag"].startswith('"')
    assert response["Last-Modified"]
    assert response["Cache-Control"] == (
        "public, max-age=60, stale-while-revalidate=300"
    )


def test_matching_etag_gets_304_without_body(client, story):
    first = client.get("/api/v1/articles/")

    again = client.get("/api/v1/articles/", headers={"If-None-Match": first["ETag"]})

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert again.content == b""
    assert again["ETag"] == first["ETag"]


def test_stale_etag_gets_the_full_response(client, story):
    response = client.get("/api/v1/articles/", headers={"If-None-Match": '"old"'})

    assert response.status_code == HTTPStatus.OK


def test_if_modified_since_gets_304_when_nothing_changed(client, story):
    first = client.get(f"/api/v1/articles/{story.pk}/")

    again = client.get(
        f"/api/v1/articles/{story.pk}/",
        headers={"If-Modified-Since": first["Last-Modified"]},
    )
    old = client.get(
        f"/api/v1/articles/{story.pk}/",
        headers={"If-Modified-Since": http_date(0)},
    )

    assert again.status_code == HTTPStatus.NOT_MODIFIED
    assert old.status_code == HTTPStatus.OK


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/articles/",
        "/api/v1/topics/",
        "/api/v1/authors/",
        "/api/v1/search/?q=original",
    ],
)
def test_repeated_request_is_served_from_cache_without_sql(
    client, story, django_assert_num_queries, url
):
    first = client.get(url)

    with django_assert_num_queries(0):
        again = client.get(url)

    assert again.content == first.content


def test_detail_is_served_from_cache_without_sql(
    client, story, author, django_assert_num_queries
):
    client.get(f"/api/v1/articles/{story.pk}/")
    client.get(f"/api/v1/authors/{author.pk}/")

    with django_assert_num_queries(0):
        client.get(f"/api/v1/articles/{story.pk}/")
        client.get(f"/api/v1/authors/{author.pk}/")


def _warm(client, story, author):
    urls = [
        f"/api/v1/articles/{story.pk}/",
        "/api/v1/articles/",
        "/api/v1/articles/?topic=syria",
        f"/api/v1/authors/{author.pk}/",
        "/api/v1/topics/",
    ]
    for url in urls:
        assert client.get(url).status_code == HTTPStatus.OK
    return urls


def test_publish_shows_at_once_everywhere(client, story, author, publish):
    _warm(client, story, author)

    with publish():
        story.title = "New headline"
        story.save_revision().publish()

    assert client.get(f"/api/v1/articles/{story.pk}/").json()["title"] == "New headline"
    assert (
        client.get("/api/v1/articles/?topic=syria").json()["results"][0]["title"]
        == "New headline"
    )
    latest = client.get(f"/api/v1/authors/{author.pk}/").json()["latest_articles"]
    assert latest[0]["title"] == "New headline"


def test_unpublish_removes_at_once_everywhere(client, story, author, publish):
    _warm(client, story, author)

    with publish():
        story.unpublish()

    assert (
        client.get(f"/api/v1/articles/{story.pk}/").status_code == HTTPStatus.NOT_FOUND
    )
    assert client.get("/api/v1/articles/").json()["count"] == 0
    assert client.get(f"/api/v1/authors/{author.pk}/").json()["article_count"] == 0
    assert client.get("/api/v1/topics/").json()["results"] == []


def test_delete_removes_at_once(client, story, author, publish):
    _warm(client, story, author)
    page_id = story.pk

    with publish():
        story.delete()

    assert (
        client.get(f"/api/v1/articles/{page_id}/").status_code == HTTPStatus.NOT_FOUND
    )
    assert client.get("/api/v1/articles/").json()["count"] == 0


def test_move_changes_path_and_section_at_once(
    client, story, author, newsroom, publish
):
    features = ArticleIndexPage(title="Features", slug="features")
    newsroom.home.add_child(instance=features)
    features.save_revision().publish()
    _warm(client, story, author)

    with publish():
        story.move(features, pos="last-child")

    detail = client.get(f"/api/v1/articles/{story.pk}/").json()
    assert detail["path"] == "/features/story/"
    assert detail["section"]["slug"] == "features"
    assert client.get("/api/v1/articles/", {"section": "features"}).json()["count"] == 1
    found = client.get("/api/v1/find/", {"path": "/features/story/"})
    assert found.json()["id"] == story.pk


def test_author_bio_change_shows_in_their_articles(client, story, author, publish):
    _warm(client, story, author)

    with publish():
        author.role = "Chief correspondent"
        author.save_revision().publish()

    byline = client.get(f"/api/v1/articles/{story.pk}/").json()["authors"][0]
    listed = client.get("/api/v1/articles/").json()["results"][0]["authors"][0]
    assert byline["role"] == listed["role"] == "Chief correspondent"
    assert (
        client.get(f"/api/v1/authors/{author.pk}/").json()["role"]
        == "Chief correspondent"
    )


def test_image_caption_change_shows_in_documents(client, newsroom, rebuild, publish):
    from tests.factories import ImageFactory

    hero = ImageFactory(caption="Old caption")
    article = ArticlePageFactory(parent=newsroom.news, hero_image=hero)
    rebuild()
    client.get(f"/api/v1/articles/{article.pk}/")

    with publish():
        hero.caption = "New caption"
        hero.save()

    detail = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["hero_image"]["caption"] == "New caption"


def test_approved_comment_shows_at_once(client, story, publish):
    from blog.models import ReaderComment

    client.get(f"/api/v1/articles/{story.pk}/")
    with publish():
        ReaderComment.objects.create(
            article=story,
            name="Ann",
            email="a@b.example",
            body="Hi",
            status=ReaderComment.Status.APPROVED,
        )

    assert client.get(f"/api/v1/articles/{story.pk}/").json()["comment_count"] == 1


@override_settings(
    WAGTAILFRONTENDCACHE={"cdn": {"BACKEND": "tests.api.test_caching.RecordingBackend"}}
)
def test_publish_purges_the_article_api_urls_from_the_cdn(story, publish):
    PURGED.clear()

    with publish():
        story.save_revision().publish()

    assert f"http://testserver/api/v1/articles/{story.pk}/" in PURGED
    assert "http://testserver/api/v1/articles/" in PURGED
    assert any("by-path" in url and "story" in url for url in PURGED)


def test_cors_allows_configured_frontend_only(client, story, settings):
    settings.CORS_ALLOWED_ORIGINS = ["https://www.example.com"]

    allowed = client.get(
        "/api/v1/articles/", headers={"Origin": "https://www.example.com"}
    )
    other = client.get("/api/v1/articles/", headers={"Origin": "https://evil.example"})

    assert allowed["Access-Control-Allow-Origin"] == "https://www.example.com"
    assert "Access-Control-Allow-Origin" not in other


def test_unpublished_related_article_drops_out_of_other_bodies(
    client, story, newsroom, publish
):
    linking = ArticlePageFactory(
        parent=newsroom.news,
        body=[("related_article", {"article": story, "label": "More"})],
    )
    with publish():
        linking.save_revision().publish()
    block = client.get(f"/api/v1/articles/{linking.pk}/").json()["body"][0]
    assert block["value"]["article"]["id"] == story.pk

    with publish():
        story.unpublish()

    block = client.get(f"/api/v1/articles/{linking.pk}/").json()["body"][0]
    assert block["value"]["article"] is None
