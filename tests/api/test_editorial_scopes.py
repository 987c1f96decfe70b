"""
What a token's scope lets it do to what readers see, decided by what each
request does rather than how it is spelled.

The caller is an editor (who may publish) holding a ``write`` token, so the
scope alone stands between the request and the public site.
"""

import json
from http import HTTPStatus

import pytest
from django.test import Client
from wagtail.models import APIToken, Page

from blog.models import ArticlePage
from cms.api.editorial.models import TokenPolicy
from tests.factories import ArticlePageFactory, AuthorPageFactory

PROBLEM_JSON = "application/problem+json"


def token_client(user, scope):
    token, plaintext = APIToken.create_token(user=user, name=f"{scope} token")
    TokenPolicy.objects.create(token=token, scope=scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


@pytest.fixture
def author(newsroom):
    return AuthorPageFactory(parent=newsroom.authors)


@pytest.fixture
def live_story(newsroom, author, writer):
    return ArticlePageFactory(parent=newsroom.news, authors=[author], owner=writer)


@pytest.fixture
def draft_story(newsroom, author, writer):
    return ArticlePageFactory(
        parent=newsroom.news, authors=[author], live=False, owner=writer
    )


@pytest.fixture
def write_token(editor):
    return token_client(editor, "write")


@pytest.fixture
def moderate_token(editor):
    return token_client(editor, "moderate")


def post_json(client, url, body=None):
    return client.post(
        url, data=json.dumps(body or {}), content_type="application/json"
    )


def assert_refused_for_scope(response):
    assert response.status_code == HTTPStatus.FORBIDDEN, response.content
    assert response["Content-Type"] == PROBLEM_JSON
    assert response.json()["required_scope"] == "moderate"


def test_write_token_cannot_publish_with_a_text_plain_body(write_token, draft_story):
    response = write_token.patch(
        f"/api/editorial/pages/{draft_story.pk}/",
        data=json.dumps({"meta": {"action": "publish"}, "title": "Out early"}),
        content_type="text/plain",
    )

    assert response.status_code == HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    assert response["Content-Type"] == PROBLEM_JSON
    draft_story.refresh_from_db()
    assert not draft_story.live


@pytest.mark.parametrize(
    "content_type",
    ["text/plain", "application/x-www-form-urlencoded", "application/octet-stream"],
)
def test_json_routes_refuse_bodies_that_are_not_json(
    moderate_token, draft_story, content_type
):
    response = moderate_token.post(
        f"/api/editorial/pages/{draft_story.pk}/actions/copy/",
        data=json.dumps({"keep_live": False}),
        content_type=content_type,
    )

    assert response.status_code == HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    assert response["Content-Type"] == PROBLEM_JSON


def test_write_token_cannot_copy_a_live_story_keeping_it_live(write_token, live_story):
    before = ArticlePage.objects.live().count()

    default = post_json(
        write_token, f"/api/editorial/pages/{live_story.pk}/actions/copy/"
    )
    explicit = post_json(
        write_token,
        f"/api/editorial/pages/{live_story.pk}/actions/copy/",
        {"keep_live": True, "slug": "copy-two"},
    )

    assert_refused_for_scope(default)
    assert_refused_for_scope(explicit)
    assert ArticlePage.objects.live().count() == before


def test_write_token_may_copy_a_live_story_as_a_draft(write_token, live_story):
    response = post_json(
        write_token,
        f"/api/editorial/pages/{live_story.pk}/actions/copy/",
        {"keep_live": False},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert not Page.objects.get(pk=response.json()["id"]).live


def test_write_token_cannot_create_an_alias(write_token, live_story):
    response = post_json(
        write_token,
        f"/api/editorial/pages/{live_story.pk}/actions/create_alias/",
        {"slug": "alias-of-story"},
    )

    assert_refused_for_scope(response)
    assert not Page.objects.filter(alias_of=live_story).exists()


def test_write_token_cannot_convert_an_alias(write_token, moderate_token, live_story):
    created = post_json(
        moderate_token,
        f"/api/editorial/pages/{live_story.pk}/actions/create_alias/",
        {"slug": "alias-of-story"},
    )
    assert created.status_code == HTTPStatus.CREATED, created.content
    alias_id = created.json()["id"]

    response = post_json(
        write_token, f"/api/editorial/pages/{alias_id}/actions/convert_alias/"
    )

    assert_refused_for_scope(response)
    assert Page.objects.get(pk=alias_id).alias_of_id == live_story.pk


@pytest.mark.parametrize("route", ["", "actions/delete/"])
def test_write_token_cannot_delete_a_live_story(write_token, live_story, route):
    url = f"/api/editorial/pages/{live_story.pk}/{route}"

    response = write_token.delete(url)

    assert_refused_for_scope(response)
    assert Page.objects.filter(pk=live_story.pk, live=True).exists()


def test_write_token_cannot_delete_a_section_with_live_stories(
    write_token, newsroom, live_story
):
    response = write_token.delete(f"/api/editorial/pages/{newsroom.news.pk}/")

    assert_refused_for_scope(response)
    assert Page.objects.filter(pk=live_story.pk).exists()


def test_write_token_may_delete_a_draft(write_token, draft_story):
    response = write_token.delete(f"/api/editorial/pages/{draft_story.pk}/")

    assert response.status_code == HTTPStatus.NO_CONTENT, response.content
    assert not Page.objects.filter(pk=draft_story.pk).exists()


def test_write_token_cannot_move_a_live_story(write_token, newsroom, live_story):
    response = post_json(
        write_token,
        f"/api/editorial/pages/{live_story.pk}/actions/move/",
        {"destination_id": newsroom.authors.pk, "position": "last-child"},
    )

    assert_refused_for_scope(response)
    live_story.refresh_from_db()
    assert live_story.get_parent().pk == newsroom.news.pk


def test_moderate_token_copies_a_live_story_live(moderate_token, live_story):
    response = post_json(
        moderate_token,
        f"/api/editorial/pages/{live_story.pk}/actions/copy/",
        {"slug": "a-live-copy"},
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    assert Page.objects.get(pk=response.json()["id"]).live
