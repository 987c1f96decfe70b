"""
Making a live story private (or public again) is announced like an unpublish
(or a publish): the stored document goes before the request returns, the sync
feed sends a tombstone, webhooks and the CDN hear of it. And a private story
never goes out whole in a webhook.
"""

from http import HTTPStatus

import pytest
from django.db.models import Max
from django.test import override_settings
from django.urls import reverse
from wagtail.models import PageViewRestriction

from cms.events.models import ContentEvent
from cms.publishing.models import DeliveryDocument
from tests.api.test_caching import PURGED
from tests.factories import TEST_PASSWORD, ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db

# Nothing queued for the background worker runs: what must happen before the
# request returns cannot lean on it.
NO_WORKER = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
CDN = {"cdn": {"BACKEND": "tests.api.test_caching.RecordingBackend"}}


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Run a change and its after-commit work, as a request's commit would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def author(newsroom, committed):
    return committed(AuthorPageFactory, parent=newsroom.authors, title="Sofia Nawab")


@pytest.fixture
def story(newsroom, author, committed):
    return committed(
        ArticlePageFactory,
        parent=newsroom.news,
        title="Embargoed merger talks",
        slug="merger-talks",
        authors=[author],
    )


def last_position():
    """The newest event's id (ids keep counting across tests on PostgreSQL)."""
    return ContentEvent.objects.aggregate(last=Max("pk"))["last"] or 0


def set_privacy(client, page, **form):
    return client.post(reverse("wagtailadmin_pages:set_privacy", args=[page.pk]), form)


def sync_changes_after(client, cursor):
    body = client.get("/api/v1/sync/", {"cursor": cursor}).json()
    return {item["id"]: item for item in body["items"]}, body["cursor"]


def caught_up_cursor(client):
    cursor = None
    while True:
        params = {"cursor": cursor} if cursor else {}
        body = client.get("/api/v1/sync/", params).json()
        cursor = body["cursor"]
        if body["phase"] == "changes" and not body["has_more"]:
            return cursor


@override_settings(SYNC_SETTLE_SECONDS=0, TASKS=NO_WORKER)
def test_editor_making_a_live_story_private_withdraws_and_announces_it(
    client, editor, story, committed
):
    mirror_cursor = caught_up_cursor(client)
    assert client.login(username=editor.username, password=TEST_PASSWORD)

    response = committed(set_privacy, client, story, restriction_type="login")

    assert response.status_code == HTTPStatus.OK
    assert not DeliveryDocument.objects.filter(page_id=story.pk).exists()
    client.logout()
    assert client.get(f"/api/v1/articles/{story.pk}/").status_code == 404
    event = ContentEvent.objects.filter(page_id=story.pk).latest("pk")
    assert event.type == ContentEvent.Type.UNPUBLISHED
    assert event.data == {"reason": "view_restriction_added"}
    changes, _cursor = sync_changes_after(client, mirror_cursor)
    assert changes[story.pk]["op"] == "tombstone"


@override_settings(WAGTAILFRONTENDCACHE=CDN)
def test_making_a_live_story_private_purges_it_from_the_cdn(story, committed):
    PURGED.clear()

    committed(
        PageViewRestriction.objects.create,
        page=story,
        restriction_type=PageViewRestriction.LOGIN,
    )

    assert f"http://testserver/api/v1/articles/{story.pk}/" in PURGED


@override_settings(SYNC_SETTLE_SECONDS=0, TASKS=NO_WORKER)
def test_editor_making_a_private_story_public_again_announces_it(
    client, editor, story, committed
):
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.PASSWORD, password="x"
    )
    mirror_cursor = caught_up_cursor(client)
    assert client.login(username=editor.username, password=TEST_PASSWORD)

    committed(set_privacy, client, story, restriction_type="none")

    assert DeliveryDocument.objects.filter(page_id=story.pk).exists()
    event = ContentEvent.objects.filter(page_id=story.pk).latest("pk")
    assert event.type == ContentEvent.Type.PUBLISHED
    assert event.data == {"reason": "view_restriction_removed"}
    client.logout()
    changes, _cursor = sync_changes_after(client, mirror_cursor)
    assert changes[story.pk]["op"] == "upsert"
    assert changes[story.pk]["document"]["title"] == "Embargoed merger talks"


def test_restricting_a_section_records_every_live_article_below_it(
    newsroom, story, author, committed
):
    draft = ArticlePageFactory(parent=newsroom.news, live=False)
    second = committed(ArticlePageFactory, parent=newsroom.news)
    before = last_position()

    committed(
        PageViewRestriction.objects.create,
        page=newsroom.news,
        restriction_type=PageViewRestriction.LOGIN,
    )

    recorded = ContentEvent.objects.filter(pk__gt=before)
    assert sorted(recorded.values_list("page_id", "type")) == sorted(
        [
            (story.pk, ContentEvent.Type.UNPUBLISHED),
            (second.pk, ContentEvent.Type.UNPUBLISHED),
        ]
    )
    assert draft.pk not in set(DeliveryDocument.objects.values_list("pk", flat=True))
    assert not DeliveryDocument.objects.filter(pk__in=[story.pk, second.pk]).exists()


def test_restricting_the_authors_section_hides_author_bios(newsroom, author, committed):
    committed(
        PageViewRestriction.objects.create,
        page=newsroom.authors,
        restriction_type=PageViewRestriction.LOGIN,
    )

    event = ContentEvent.objects.filter(page_id=author.pk).latest("pk")
    assert event.type == ContentEvent.Type.UNPUBLISHED
    assert not DeliveryDocument.objects.filter(pk=author.pk).exists()


def test_a_restriction_inside_a_private_section_changes_nothing_for_readers(
    newsroom, story, committed
):
    PageViewRestriction.objects.create(
        page=newsroom.news, restriction_type=PageViewRestriction.LOGIN
    )
    before = ContentEvent.objects.count()

    restriction = committed(
        PageViewRestriction.objects.create,
        page=story,
        restriction_type=PageViewRestriction.PASSWORD,
        password="x",
    )
    committed(restriction.delete)

    assert ContentEvent.objects.count() == before


def test_deleting_a_private_story_is_recorded_as_a_deletion_only(story, committed):
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.LOGIN
    )
    before = last_position()
    story_id = story.pk

    committed(story.delete)

    recorded = ContentEvent.objects.filter(pk__gt=before, page_id=story_id)
    # Wagtail unpublishes a page before deleting it; nothing is ever revealed.
    assert ContentEvent.Type.DELETED in set(recorded.values_list("type", flat=True))
    assert not recorded.filter(type=ContentEvent.Type.PUBLISHED).exists()
