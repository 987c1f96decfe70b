"""An external site mirrors live content through the sync feed: snapshot, then changes."""

import json
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import override_settings
from django.utils import timezone

from cms.events.models import ContentEvent
from cms.publishing.models import DeliveryDocument
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db

SYNC = "/api/v1/sync/"


def live_set():
    """What the Delivery API serves now: (type, id) → detail document."""
    return {
        (doc.page_type, doc.page_id): json.loads(doc.detail)
        for doc in DeliveryDocument.objects.all()
    }


class Mirror:
    """An external site's copy, kept only from what the sync feed says."""

    def __init__(self, client):
        self.client = client
        self.cursor = None
        self.pages = {}

    def pull(self, limit=100):
        params = {"limit": limit}
        if self.cursor:
            params["cursor"] = self.cursor
        response = self.client.get(SYNC, params)
        assert response.status_code == HTTPStatus.OK, response.content
        body = response.json()
        for item in body["items"]:
            key = (item["type"], item["id"])
            if item["op"] == "upsert":
                self.pages[key] = item["document"]
            else:
                self.pages.pop(key, None)
        self.cursor = body["cursor"]
        return body

    def catch_up(self, limit=100):
        pulls = 0
        while self.pull(limit)["has_more"]:
            pulls += 1
            assert pulls < 1000
        return self


@pytest.fixture
def mirror(client):
    return Mirror(client)


@pytest.fixture
def publish(django_capture_on_commit_callbacks):
    """Run a change and its after-commit work (stored documents, caches) as a request would."""

    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@override_settings(SYNC_SETTLE_SECONDS=0)
def test_first_sync_pages_through_everything_live(newsroom, mirror, publish):
    author = publish(AuthorPageFactory, parent=newsroom.authors)
    for _ in range(4):
        publish(ArticlePageFactory, parent=newsroom.news, authors=[author])
    publish(ArticlePageFactory, parent=newsroom.news, live=False)
    first = mirror.pull(limit=2)
    assert first["phase"] == "snapshot"
    assert len(first["items"]) == 2
    mirror.catch_up(limit=2)
    assert mirror.pages == live_set()
    assert len(mirror.pages) == 5


@override_settings(SYNC_SETTLE_SECONDS=0)
def test_later_sync_returns_only_changes_with_tombstones(newsroom, mirror, publish):
    keep = publish(ArticlePageFactory, parent=newsroom.news, title="Stays")
    gone = publish(ArticlePageFactory, parent=newsroom.news, title="Goes")
    hidden = publish(ArticlePageFactory, parent=newsroom.news, title="Hidden")
    mirror.catch_up()

    keep.title = "Stays, updated"
    publish(keep.save_revision().publish)
    gone_id = gone.pk
    publish(gone.delete)
    publish(hidden.unpublish)

    body = mirror.pull()
    assert body["phase"] == "changes"
    by_id = {item["id"]: item for item in body["items"]}
    assert by_id[keep.pk]["op"] == "upsert"
    assert by_id[keep.pk]["document"]["title"] == "Stays, updated"
    assert by_id[gone_id]["op"] == "tombstone"
    assert by_id[gone_id]["reason"] == "deleted"
    assert by_id[hidden.pk]["reason"] == "unpublished"
    assert mirror.pages == live_set()
    # Nothing new: an empty page, and the same answer next time.
    assert mirror.pull()["items"] == []


@override_settings(SYNC_SETTLE_SECONDS=0)
def test_changes_during_the_snapshot_are_not_lost(newsroom, mirror, publish):
    articles = [publish(ArticlePageFactory, parent=newsroom.news) for _ in range(3)]
    mirror.pull(limit=1)
    publish(articles[0].unpublish)
    late = publish(ArticlePageFactory, parent=newsroom.news)
    mirror.catch_up(limit=1)
    assert ("article", late.pk) in mirror.pages
    assert ("article", articles[0].pk) not in mirror.pages
    assert mirror.pages == live_set()


@override_settings(SYNC_SETTLE_SECONDS=60)
def test_positions_newer_than_the_settle_window_are_not_handed_out(
    newsroom, mirror, publish
):
    mirror.catch_up()
    article = publish(ArticlePageFactory, parent=newsroom.news)
    # Just committed: a transaction that took a lower id might still commit.
    assert mirror.pull()["items"] == []
    ContentEvent.objects.update(occurred_at=timezone.now() - timedelta(minutes=2))
    assert [item["id"] for item in mirror.pull()["items"]] == [article.pk]


@override_settings(SYNC_SETTLE_SECONDS=0)
def test_author_bio_change_refreshes_their_articles_in_the_mirror(
    newsroom, mirror, publish
):
    author = publish(AuthorPageFactory, parent=newsroom.authors, title="Old Name")
    article = publish(ArticlePageFactory, parent=newsroom.news, authors=[author])
    mirror.catch_up()
    author.title = "New Name"
    publish(author.save_revision().publish)
    mirror.catch_up()
    names = [a["name"] for a in mirror.pages[("article", article.pk)]["authors"]]
    assert names == ["New Name"]
    assert mirror.pages == live_set()


@pytest.mark.parametrize("cursor", ["garbage", "eyJ2IjoxfQ:1abc:def", ""])
def test_malformed_or_tampered_cursor_is_a_problem_json_400(client, db, cursor):
    response = client.get(SYNC, {"cursor": cursor or "x" * 10})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "cursor"


def test_limit_out_of_range_is_a_400(client, db):
    response = client.get(SYNC, {"limit": 0})
    assert response.status_code == HTTPStatus.BAD_REQUEST
