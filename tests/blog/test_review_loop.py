"""The review loop as the editor's autosave, history and review screens show it."""

import re
from http import HTTPStatus

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import PageLogEntry, Revision

from blog.models import ArticlePage
from tests.admin_forms import article_form_data
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

AUTOSAVE = {"HTTP_ACCEPT": "application/json"}


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def revisions_of(page):
    return Revision.page_revisions.filter(object_id=str(page.pk))


@pytest.fixture
def published_article(newsroom, editor, client):
    login(client, editor)
    response = client.post(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        ),
        article_form_data("Quiet Monday", standfirst="Nothing moved.")
        | {"action-publish": "Publish"},
    )
    assert response.status_code == HTTPStatus.FOUND
    article = ArticlePage.objects.get(slug="quiet-monday")
    assert article.live and not article.has_unpublished_changes
    return article


def test_an_autosave_after_publishing_leaves_no_phantom_draft(
    published_article, client
):
    revisions = revisions_of(published_article).count()
    response = client.post(
        edit_url(published_article),
        article_form_data("Quiet Monday", standfirst="Nothing moved."),
        **AUTOSAVE,
    )
    assert response.status_code == HTTPStatus.OK
    assert response.json()["success"] is True
    published_article.refresh_from_db()
    assert not published_article.has_unpublished_changes
    assert published_article.latest_revision == published_article.live_revision
    assert revisions_of(published_article).count() == revisions


def test_an_autosave_with_changes_is_saved_and_labelled_autosaved(
    published_article, client
):
    for standfirst in ("Something moved.", "Something moved at noon."):
        response = client.post(
            edit_url(published_article),
            article_form_data("Quiet Monday", standfirst=standfirst)
            | (
                {"overwrite_revision_id": str(published_article.latest_revision_id)}
                if standfirst.endswith("noon.")
                else {}
            ),
            **AUTOSAVE,
        )
        assert response.status_code == HTTPStatus.OK, response.content
        assert response.json()["success"] is True
        published_article.refresh_from_db()
    assert published_article.has_unpublished_changes
    assert published_article.get_latest_revision_as_object().standfirst == (
        "Something moved at noon."
    )
    entries = PageLogEntry.objects.filter(page=published_article)
    autosaves = entries.filter(action="blog.autosave")
    # Two autosaves of one revision: two entries, one line in the history.
    assert autosaves.count() == 2
    assert autosaves.values("uuid").distinct().count() == 1
    assert (
        entries.filter(
            action="wagtail.edit", revision=published_article.latest_revision
        ).count()
        == 0
    )
    history = client.get(
        reverse("wagtailadmin_pages:history", args=(published_article.pk,))
    ).content.decode()
    assert history.count("Autosaved") == 1


def test_a_deliberate_save_is_still_logged_as_an_edit(published_article, client):
    client.post(
        edit_url(published_article),
        article_form_data("Quiet Monday", standfirst="Edited on purpose."),
    )
    published_article.refresh_from_db()
    assert PageLogEntry.objects.filter(
        page=published_article,
        action="wagtail.edit",
        revision=published_article.latest_revision,
    ).exists()


def _compare_links(html):
    return {
        label: href
        for href, label in re.findall(
            r'<li><a href="([^"]*/revisions/compare/[^"]*)">([^<]+)</a></li>', html
        )
    }


@pytest.fixture
def resubmitted_article(newsroom, writer, editor, client):
    """Drafted, submitted, sent back with a comment, fixed and resubmitted."""
    login(client, writer)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
    )
    client.post(add_url, article_form_data("Airport", paragraphs=["Runway rebuilt."]))
    article = ArticlePage.objects.get(slug="airport")
    client.post(
        edit_url(article),
        article_form_data("Airport", paragraphs=["Runway rebuilt."])
        | {"action-submit": "Submit"},
    )
    article.refresh_from_db()
    client.logout()
    login(client, editor)
    state = article.current_workflow_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "reject", state.pk),
        ),
        {"comment": "Name the airline."},
    )
    client.logout()
    login(client, writer)
    client.post(
        edit_url(article),
        article_form_data("Airport", paragraphs=["Runway rebuilt.", "Cham Wings."])
        | {"action-restart-workflow": "Resubmit"},
    )
    article.refresh_from_db()
    client.logout()
    return article


def test_editor_sees_what_changed_since_the_version_sent_back(
    resubmitted_article, editor, client
):
    login(client, editor)
    links = _compare_links(client.get(reverse("wagtailadmin_home")).content.decode())
    assert "Changes since last review" in links
    diff = client.get(links["Changes since last review"]).content.decode()
    assert "Cham Wings." in diff
    assert "There are no differences" not in diff


def test_first_submission_compares_with_a_version_that_differs(
    newsroom, writer, editor, client
):
    login(client, writer)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
    )
    client.post(add_url, article_form_data("Market", paragraphs=["Stalls open."]))
    article = ArticlePage.objects.get(slug="market")
    client.post(
        edit_url(article), article_form_data("Market", paragraphs=["Stalls open."])
    )
    client.post(
        edit_url(article),
        article_form_data("Market", paragraphs=["Stalls open.", "Prices up."]),
    )
    # Submitting saves the same text once more.
    client.post(
        edit_url(article),
        article_form_data("Market", paragraphs=["Stalls open.", "Prices up."])
        | {"action-submit": "Submit"},
    )
    client.logout()
    login(client, editor)
    links = _compare_links(client.get(reverse("wagtailadmin_home")).content.decode())
    diff = client.get(links["Changes since the previous version"]).content.decode()
    assert "Prices up." in diff
    assert "There are no differences" not in diff


def test_writer_sees_the_editors_request_on_the_article_and_the_dashboard(
    resubmitted_article, writer, editor, client
):
    # Send the resubmission back again, and look as the writer.
    login(client, editor)
    mail.outbox.clear()
    state = resubmitted_article.current_workflow_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(resubmitted_article.pk, "reject", state.pk),
        ),
        {"comment": "Add the flight number."},
    )
    client.logout()
    login(client, writer)
    edit_page = client.get(edit_url(resubmitted_article)).content.decode()
    assert "Changes requested by editor" in edit_page or (
        f"Changes requested by {editor.get_full_name()}" in edit_page
    )
    assert "Add the flight number." in edit_page
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Changes requested" in dashboard
    assert "Add the flight number." in dashboard
    assert "asked for changes" in dashboard
    # ...and an e-mail in the newsroom's words, naming the editor.
    (message,) = [m for m in mail.outbox if writer.email in m.to]
    assert message.subject == 'Changes requested on "Airport"'
    assert "asked for changes" in message.body
    assert "Add the flight number." in message.body


def test_requesting_changes_needs_a_comment(newsroom, writer, editor, client):
    login(client, writer)
    client.post(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        ),
        article_form_data("Summit", paragraphs=["Ministers meet."])
        | {"action-submit": "Submit"},
    )
    article = ArticlePage.objects.get(slug="summit")
    client.logout()
    login(client, editor)
    state = article.current_workflow_task_state
    url = reverse(
        "wagtailadmin_pages:workflow_action", args=(article.pk, "reject", state.pk)
    )
    # As the "Request changes" dialog posts it.
    response = client.post(url, {"comment": ""}, HTTP_X_REQUESTED_WITH="XMLHttpRequest")
    state.refresh_from_db()
    assert state.status == state.STATUS_IN_PROGRESS
    assert response.json()["step"] == "action"
    assert "What needs to change?" in response.json()["html"]
