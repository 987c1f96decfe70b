"""The editorial workflow as writers and editors meet it in the Wagtail editor."""

import datetime
from http import HTTPStatus
from unittest import mock

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from wagtail.models import Comment, PageLogEntry, Revision, WorkflowState

from blog.models import ArticlePage
from tests.admin_forms import article_form_data
from tests.factories import TEST_PASSWORD, ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def add_article_url(parent):
    return reverse("wagtailadmin_pages:add", args=("blog", "articlepage", parent.pk))


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def workflow_action_url(page, action):
    state = page.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk)
    )


def test_writer_drafts_submits_and_editor_rejects_then_approves(
    newsroom, writer, editor, client
):
    author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")

    # The writer saves a draft.
    login(client, writer)
    response = client.post(
        add_article_url(newsroom.news),
        article_form_data("Hama braces", paragraphs=["First draft."], authors=[author]),
    )
    assert response.status_code == HTTPStatus.FOUND
    article = ArticlePage.objects.get(slug="hama-braces")
    assert not article.live
    assert article.owner == writer

    # ... and submits it for review; editors are told by e-mail.
    response = client.post(
        edit_url(article),
        article_form_data(
            "Hama braces", paragraphs=["Ready for review."], authors=[author]
        )
        | {"action-submit": "Submit"},
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert any(editor.email in message.to for message in mail.outbox)

    # The editor rejects it with a comment; the writer is told.
    client.logout()
    login(client, editor)
    mail.outbox.clear()
    response = client.post(
        workflow_action_url(article, "reject"), {"comment": "Needs a second source."}
    )
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    state = WorkflowState.objects.get(
        base_content_type__model="page", object_id=str(article.pk)
    )
    assert state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert state.current_task_state.comment == "Needs a second source."
    assert any(writer.email in message.to for message in mail.outbox)

    # The writer sees the comment, revises and resubmits.
    client.logout()
    login(client, writer)
    edit_page = client.get(edit_url(article)).content.decode()
    assert "Needs a second source." in edit_page
    response = client.post(
        edit_url(article),
        article_form_data(
            "Hama braces", paragraphs=["Now with two sources."], authors=[author]
        )
        | {"action-restart-workflow": "Resubmit"},
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert not article.live

    # The editor approves: the approved revision goes live.
    client.logout()
    login(client, editor)
    response = client.post(workflow_action_url(article, "approve"), {"comment": ""})
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    article.refresh_from_db()
    assert article.live
    assert article.live_revision == article.latest_revision
    assert "Now with two sources." in str(article.body)
    assert client.get(article.url).status_code == HTTPStatus.OK


def test_writer_cannot_publish_from_the_editor(newsroom, writer, client):
    login(client, writer)
    response = client.post(
        add_article_url(newsroom.news),
        article_form_data("Sneaky scoop", paragraphs=["Text."])
        | {"action-publish": "Publish"},
    )
    article = ArticlePage.objects.get(slug="sneaky-scoop")
    assert response.status_code == HTTPStatus.FOUND
    assert not article.live
    assert not article.get_latest_revision().approved_go_live_at


def assert_permission_denied(response):
    """The admin turns a forbidden action into a redirect to the dashboard with an error."""
    if response.status_code == HTTPStatus.FORBIDDEN:
        return
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == reverse("wagtailadmin_home")


def test_writer_is_refused_unpublish_and_delete(newsroom, writer, client):
    article = ArticlePageFactory(parent=newsroom.news, owner=writer)
    login(client, writer)
    assert_permission_denied(
        client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    )
    assert_permission_denied(
        client.post(reverse("wagtailadmin_pages:delete", args=(article.pk,)))
    )
    article.refresh_from_db()
    assert article.live
    perms = article.permissions_for_user(writer)
    assert not perms.can_publish()
    assert not perms.can_unpublish()


def test_writer_cannot_edit_another_writers_article(
    newsroom, writer, other_writer, client
):
    article = ArticlePageFactory(parent=newsroom.news, owner=other_writer, live=False)
    login(client, writer)
    assert_permission_denied(client.get(edit_url(article)))
    response = client.post(
        edit_url(article), article_form_data("Hijacked", paragraphs=["x"])
    )
    assert_permission_denied(response)
    article.refresh_from_db()
    assert article.title != "Hijacked"


def test_editor_can_publish_and_then_unpublish(newsroom, editor, client):
    article = ArticlePageFactory(parent=newsroom.news, live=False)
    assert article.permissions_for_user(editor).can_publish()
    login(client, editor)
    response = client.post(
        edit_url(article),
        article_form_data(article.title, slug=article.slug, paragraphs=["Go."])
        | {"action-publish": "Publish"},
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.live
    assert article.permissions_for_user(editor).can_unpublish()
    client.post(reverse("wagtailadmin_pages:unpublish", args=(article.pk,)))
    article.refresh_from_db()
    assert not article.live


def test_every_save_is_a_retained_revision(newsroom, writer, client):
    login(client, writer)
    client.post(
        add_article_url(newsroom.news),
        article_form_data("Draft one", paragraphs=["v1"]),
    )
    article = ArticlePage.objects.get(slug="draft-one")
    for version in ("v2", "v3"):
        client.post(
            edit_url(article), article_form_data("Draft one", paragraphs=[version])
        )
    revisions = Revision.page_revisions.filter(object_id=str(article.pk)).order_by(
        "created_at"
    )
    bodies = [str(revision.as_object().body) for revision in revisions]
    assert len(bodies) == 3
    assert ["v1" in bodies[0], "v2" in bodies[1], "v3" in bodies[2]] == [
        True,
        True,
        True,
    ]
    assert PageLogEntry.objects.filter(page=article, action="wagtail.edit").count() >= 2


def test_scheduled_article_goes_live_when_the_scheduler_runs(newsroom, editor):
    article = ArticlePageFactory(parent=newsroom.news, live=False)
    go_live = timezone.now() + datetime.timedelta(hours=1)
    article.go_live_at = go_live
    article.save_revision(user=editor).publish(user=editor)
    article.refresh_from_db()
    assert not article.live
    assert article.get_latest_revision().approved_go_live_at == go_live

    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live

    with mock.patch(
        "django.utils.timezone.now",
        return_value=go_live + datetime.timedelta(minutes=1),
    ):
        call_command("publish_scheduled")
    article.refresh_from_db()
    assert article.live


def test_scheduled_article_expires(newsroom, editor):
    article = ArticlePageFactory(parent=newsroom.news)
    ArticlePage.objects.filter(pk=article.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    call_command("publish_scheduled")
    article.refresh_from_db()
    assert not article.live
    assert article.expired


def test_editorial_comments_are_kept_on_the_page(newsroom, editor, writer):
    article = ArticlePageFactory(parent=newsroom.news, live=False, owner=writer)
    revision = article.save_revision(user=writer)
    Comment.objects.create(
        page=article,
        user=editor,
        text="Check the spelling of Al Sudani.",
        contentpath="title",
        revision_created=revision,
    )
    assert article.wagtail_admin_comments.get().text.startswith("Check")


def test_invalid_editor_form_shows_field_errors_and_saves_nothing(
    newsroom, writer, client
):
    login(client, writer)
    response = client.post(
        add_article_url(newsroom.news),
        article_form_data("", paragraphs=["Text"], source_url="not a url"),
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "The page could not be created due to validation errors" in html
    assert "Enter a valid URL." in html
    assert not ArticlePage.objects.exists()


def test_writers_dashboard_lists_articles_carrying_their_byline(
    newsroom, writer, client
):
    author = AuthorPageFactory(
        parent=newsroom.authors, title="Sofia Nawab", user=writer
    )
    ArticlePageFactory(
        parent=newsroom.news, title="Filed by a colleague", authors=[author]
    )
    ArticlePageFactory(
        parent=newsroom.news, title="Her draft", authors=[author], live=False
    )
    ArticlePageFactory(parent=newsroom.news, title="Not hers")
    login(client, writer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "My articles" in html
    assert "Filed by a colleague" in html
    assert "Her draft" in html
    assert "Not hers" not in html
