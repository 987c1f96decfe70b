"""A private story never goes out whole in a webhook; making one private is announced."""

import json

import pytest
from wagtail.models import PageViewRestriction

from cms.webhooks.models import WebhookDelivery
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    return run


@pytest.fixture
def story(newsroom, committed):
    author = committed(AuthorPageFactory, parent=newsroom.authors)
    return committed(
        ArticlePageFactory,
        parent=newsroom.news,
        title="Embargoed merger talks",
        authors=[author],
    )


def test_a_private_story_is_never_sent_whole_to_webhooks(
    story, endpoint, live_receiver, editor, committed
):
    PageViewRestriction.objects.create(
        page=story, restriction_type=PageViewRestriction.LOGIN
    )
    live_receiver.requests.clear()

    story.title = "Embargoed merger talks, updated"
    committed(story.save_revision(user=editor).publish)

    bodies = [received.body.decode() for received in live_receiver.requests]
    assert not any("Embargoed merger talks" in body for body in bodies)
    assert not any('"document"' in body for body in bodies)


def test_making_a_story_private_tells_webhooks_it_is_unpublished(
    story, endpoint, live_receiver, committed
):
    live_receiver.requests.clear()

    committed(
        PageViewRestriction.objects.create,
        page=story,
        restriction_type=PageViewRestriction.GROUPS,
    )

    [received] = live_receiver.requests
    assert received.headers["X-Newsroom-Event"] == "article.unpublished"
    payload = json.loads(received.body)
    assert "document" not in payload["data"]
    assert WebhookDelivery.objects.filter(endpoint=endpoint).exists()
