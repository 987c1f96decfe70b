"""Writers lock only their own pages and delete only their drafts that nobody is reviewing."""

from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from wagtail.models import APIToken, Page

from cms.api.editorial.models import TokenPolicy
from cms.events.models import ContentEvent
from tests.factories import TEST_PASSWORD, ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db


def token_client(user, scope="write"):
    token, plaintext = APIToken.create_token(user=user, name="test")
    TokenPolicy.objects.create(token=token, scope=scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


@pytest.fixture
def author(newsroom):
    return AuthorPageFactory(parent=newsroom.authors)


@pytest.fixture
def editors_live_story(newsroom, author, editor):
    return ArticlePageFactory(parent=newsroom.news, authors=[author], owner=editor)


@pytest.fixture
def writers_draft(newsroom, author, writer):
    return ArticlePageFactory(
        parent=newsroom.news, authors=[author], live=False, owner=writer
    )


def test_writer_cannot_lock_an_editors_live_story_in_the_admin(
    client, writer, editors_live_story
):
    assert client.login(username=writer.username, password=TEST_PASSWORD)

    client.post(reverse("wagtailadmin_pages:lock", args=[editors_live_story.pk]))

    editors_live_story.refresh_from_db()
    assert not editors_live_story.locked


def test_writer_cannot_lock_an_editors_live_story_through_the_api(
    writer, editors_live_story
):
    response = token_client(writer).post(
        f"/api/editorial/pages/{editors_live_story.pk}/lock/"
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    editors_live_story.refresh_from_db()
    assert not editors_live_story.locked


def test_writer_locks_their_own_draft_and_editor_locks_anything(
    writer, editor, writers_draft, editors_live_story
):
    own = token_client(writer).post(f"/api/editorial/pages/{writers_draft.pk}/lock/")
    other = token_client(editor).post(
        f"/api/editorial/pages/{editors_live_story.pk}/lock/"
    )

    assert own.status_code == HTTPStatus.OK, own.content
    assert other.status_code == HTTPStatus.OK, other.content


def test_writer_cannot_delete_their_story_while_it_is_in_review(writer, writers_draft):
    writers_draft.get_workflow().start(writers_draft, writer)

    response = token_client(writer).delete(f"/api/editorial/pages/{writers_draft.pk}/")

    assert response.status_code == HTTPStatus.FORBIDDEN, response.content
    assert Page.objects.filter(pk=writers_draft.pk).exists()
    assert not ContentEvent.objects.filter(
        page_id=writers_draft.pk, type=ContentEvent.Type.DELETED
    ).exists()


def test_writer_cannot_delete_their_approved_and_scheduled_story(
    client, writer, editor, writers_draft
):
    writers_draft.go_live_at = timezone.now() + timedelta(days=2)
    writers_draft.save_revision(user=writer).publish(user=editor)
    assert client.login(username=writer.username, password=TEST_PASSWORD)

    client.post(reverse("wagtailadmin_pages:delete", args=[writers_draft.pk]))
    api = token_client(writer).delete(f"/api/editorial/pages/{writers_draft.pk}/")

    assert api.status_code == HTTPStatus.FORBIDDEN
    assert Page.objects.filter(pk=writers_draft.pk).exists()


def test_writer_deletes_their_own_idle_draft(writer, writers_draft):
    response = token_client(writer).delete(f"/api/editorial/pages/{writers_draft.pk}/")

    assert response.status_code == HTTPStatus.NO_CONTENT, response.content
    assert not Page.objects.filter(pk=writers_draft.pk).exists()
