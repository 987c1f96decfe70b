"""Every change external sites must hear about leaves exactly one event in the log."""

import pytest
from django.db import transaction

from cms.events.models import ContentEvent
from cms.events.signals import event_committed
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db


def types(page):
    return list(
        ContentEvent.objects.filter(page_id=page.pk).values_list("type", flat=True)
    )


def test_publish_unpublish_move_and_delete_are_logged_in_order(newsroom):
    article = ArticlePageFactory(parent=newsroom.news)
    article.unpublish()
    article.save_revision().publish()
    from blog.models import ArticleIndexPage

    features = ArticleIndexPage(title="Features", slug="features")
    newsroom.home.add_child(instance=features)
    article.move(features, pos="last-child")
    page_id = article.pk
    article.delete()
    assert list(
        ContentEvent.objects.filter(page_id=page_id).values_list("type", flat=True)
    ) == [
        "page.published",
        "page.unpublished",
        "page.published",
        "page.moved",
        # Deleting a live page takes it offline first, then removes it.
        "page.unpublished",
        "page.deleted",
    ]
    deleted = ContentEvent.objects.filter(page_id=page_id).last()
    assert deleted.page_type == "blog.articlepage"
    assert deleted.url_path.endswith("/features/" + article.slug + "/")


def test_workflow_transitions_are_logged(newsroom, writer, editor):
    article = ArticlePageFactory(parent=newsroom.news, live=False, owner=writer)
    article.get_workflow().start(article, writer)
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state, editor, "reject", comment="Source?")
    assert types(article) == ["workflow.submitted", "workflow.rejected"]
    rejected = ContentEvent.objects.get(page_id=article.pk, type="workflow.rejected")
    assert rejected.data["comment"] == "Source?"
    assert rejected.user == editor


def test_author_bio_changes_are_logged(newsroom):
    author = AuthorPageFactory(parent=newsroom.authors)
    assert types(author) == ["page.published"]


def test_sections_and_home_are_not_logged(newsroom):
    assert not ContentEvent.objects.filter(page_id=newsroom.news.pk).exists()


def test_rolled_back_change_leaves_no_event_and_announces_nothing(
    newsroom, django_capture_on_commit_callbacks
):
    announced = []

    def listener(sender, event, **kwargs):
        announced.append(event)

    event_committed.connect(listener)
    try:
        article = ArticlePageFactory(parent=newsroom.news, live=False)
        with (
            django_capture_on_commit_callbacks(execute=True),
            pytest.raises(RuntimeError),
            transaction.atomic(),
        ):
            article.save_revision().publish()
            raise RuntimeError("the request failed after publishing")
        assert types(article) == []
        assert announced == []
        article.refresh_from_db()
        with django_capture_on_commit_callbacks(execute=True):
            article.save_revision().publish()
        assert [event.type for event in announced] == ["page.published"]
    finally:
        event_committed.disconnect(listener)


def test_scheduling_is_not_publishing_until_the_scheduler_runs(newsroom, editor):
    import datetime
    from unittest import mock

    from django.core.management import call_command
    from django.utils import timezone

    article = ArticlePageFactory(parent=newsroom.news, live=False)
    go_live = timezone.now() + datetime.timedelta(hours=2)
    article.go_live_at = go_live
    article.save_revision(user=editor).publish(user=editor)
    assert types(article) == []

    live_article = ArticlePageFactory(parent=newsroom.news)
    live_article.go_live_at = go_live
    live_article.title = "A scheduled correction"
    live_article.save_revision(user=editor).publish(user=editor)
    assert types(live_article) == ["page.published"]

    with mock.patch(
        "django.utils.timezone.now",
        return_value=go_live + datetime.timedelta(minutes=1),
    ):
        call_command("publish_scheduled")
    assert types(article) == ["page.published"]
    assert types(live_article) == ["page.published", "page.published"]
