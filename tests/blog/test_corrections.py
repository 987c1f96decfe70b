"""
Corrections and updates as the newsroom works with them: written in the
editor, approved with the article, shown to readers on the page, in the
feeds and in the newsroom's corrections log.
"""

import datetime as dt
from http import HTTPStatus

import feedparser
import pytest
from django.urls import reverse
from django.utils import timezone

from blog.models import ArticlePage
from tests.admin_forms import article_form_data
from tests.factories import TEST_PASSWORD, ArticlePageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


def correction(text, kind="correction", made_at=None):
    made_at = made_at or timezone.now().replace(microsecond=0)
    return {
        "kind": kind,
        "text": text,
        "made_at": made_at.strftime("%Y-%m-%d %H:%M"),
    }


def test_writers_correction_reaches_readers_only_after_approval(
    newsroom, writer, editor, client
):
    article = ArticlePageFactory(
        parent=newsroom.news, owner=writer, title="Count delayed", slug="count-delayed"
    )
    login(client, writer)
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(
            "Count delayed",
            paragraphs=["Counting resumes tomorrow."],
            corrections=[correction("An earlier version gave the wrong district.")],
        )
        | {"action-submit": "Submit"},
    )
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.workflow_in_progress
    assert not article.corrections.exists()
    client.logout()
    assert "wrong district" not in client.get(article.url).content.decode()

    login(client, editor)
    state = article.current_workflow_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=(article.pk, "approve", state.pk)
        ),
        {"comment": ""},
    )
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    client.logout()

    article = ArticlePage.objects.get(pk=article.pk)
    page = client.get(article.url).content.decode()
    assert "Corrections and updates" in page
    assert "An earlier version gave the wrong district." in page
    assert [entry.kind for entry in article.corrections_log] == ["correction"]


def test_writer_cannot_publish_a_correction_directly(newsroom, writer, client):
    article = ArticlePageFactory(parent=newsroom.news, owner=writer, title="Live")
    login(client, writer)

    response = client.post(
        reverse("wagtailadmin_pages:edit", args=(article.pk,)),
        article_form_data(
            "Live", corrections=[correction("Sneaked in.")], slug=article.slug
        )
        | {"action-publish": "Publish"},
    )

    assert response.status_code == HTTPStatus.FOUND
    article = ArticlePage.objects.get(pk=article.pk)
    draft = article.get_latest_revision_as_object()
    assert [entry.text for entry in draft.corrections.all()] == ["Sneaked in."]
    assert not article.corrections.exists()


def test_article_page_shows_the_log_and_updated_time(newsroom, client):
    made_at = timezone.now() - dt.timedelta(hours=3)
    article = ArticlePageFactory(
        parent=newsroom.news,
        corrections=[
            {
                "kind": "editors_note",
                "text": "This story was updated.",
                "made_at": made_at,
            }
        ],
    )

    page = client.get(article.url).content.decode()

    assert "Editor&#x27;s note" in page or "Editor's note" in page
    assert "This story was updated." in page
    assert 'class="article__updated"' in page


def test_a_corrected_article_is_an_updated_feed_entry(newsroom, client):
    later = timezone.now() + dt.timedelta(hours=2)
    ArticlePageFactory(
        parent=newsroom.news,
        title="Amended",
        corrections=[
            {"kind": "correction", "text": "Figures fixed.", "made_at": later}
        ],
    )

    atom = feedparser.parse(client.get("/feeds/articles.atom").content).entries[0]
    json_item = client.get("/feeds/articles.json").json()["items"][0]

    assert atom.updated_parsed[:5] == later.utctimetuple()[:5]
    assert "Figures fixed." in atom.summary
    assert json_item["date_modified"] == later.isoformat()
    assert "Figures fixed." in json_item["content_html"]


def test_newsroom_corrections_page_lists_newest_first_and_hides_drafts(
    newsroom, client
):
    now = timezone.now()
    ArticlePageFactory(
        parent=newsroom.news,
        title="Older story",
        corrections=[
            {
                "kind": "correction",
                "text": "Old fix.",
                "made_at": now - dt.timedelta(days=2),
            }
        ],
    )
    ArticlePageFactory(
        parent=newsroom.news,
        title="Newer story",
        corrections=[{"kind": "update", "text": "New update.", "made_at": now}],
    )
    ArticlePageFactory(
        parent=newsroom.news,
        title="Unpublished",
        live=False,
        corrections=[{"kind": "correction", "text": "Never seen.", "made_at": now}],
    )

    response = client.get(reverse("corrections_log"))

    assert response.status_code == HTTPStatus.OK
    page = response.content.decode()
    assert page.index("New update.") < page.index("Old fix.")
    assert "Never seen." not in page
    assert "Newer story" in page
