"""
The editor's admin screens cost the same number of SQL queries however many
rows they show: a newsroom's section holds thousands of articles, and its
review inbox fills up before a deadline.
"""

import re
from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail import hooks
from wagtail.admin.views.home import WorkflowObjectsToModeratePanel
from wagtail.models import Locale
from wagtail_localize import wagtail_hooks as localize_hooks

from blog.review import add_review_comparisons
from blog.translation_buttons import translate_row_button
from tests.factories import TEST_PASSWORD, ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def queries_for(client, url):
    """The queries of one request, after a first one has warmed the caches."""
    assert client.get(url).status_code == HTTPStatus.OK
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(captured)


def add_articles(newsroom, count, *, owner, start=0):
    """Live articles and drafts by ``owner``, with authors and topics, as a section has."""
    author = AuthorPageFactory(parent=newsroom.authors)
    return [
        ArticlePageFactory(
            parent=newsroom.news,
            title=f"Ceasefire story {start + number}",
            owner=owner,
            live=number % 2 == 0,
            authors=[author],
            topics=["Syria", "Diplomacy"],
        )
        for number in range(count)
    ]


@pytest.fixture
def superuser(administrator):
    return administrator


@pytest.mark.parametrize("role", ["superuser", "editor", "writer"])
def test_section_listing_costs_the_same_queries_for_more_articles(
    newsroom, client, request, role
):
    user = request.getfixturevalue(role)
    writer = request.getfixturevalue("writer")
    login(client, user)
    url = reverse("wagtailadmin_explore", args=(newsroom.news.pk,))
    add_articles(newsroom, 2, owner=writer)
    few = queries_for(client, url)

    add_articles(newsroom, 8, owner=writer, start=2)

    assert queries_for(client, url) == few


@pytest.mark.parametrize("role", ["superuser", "writer"])
def test_page_search_costs_the_same_queries_for_more_results(
    newsroom, client, request, role
):
    user = request.getfixturevalue(role)
    writer = request.getfixturevalue("writer")
    login(client, user)
    url = reverse("wagtailadmin_pages:search") + "?q=ceasefire"
    add_articles(newsroom, 2, owner=writer)
    few = queries_for(client, url)

    add_articles(newsroom, 8, owner=writer, start=2)

    assert queries_for(client, url) == few


def test_article_editor_costs_the_same_queries_for_more_topics(
    newsroom, editor, client
):
    login(client, editor)
    one = ArticlePageFactory(parent=newsroom.news, topics=["Syria"])
    four = ArticlePageFactory(
        parent=newsroom.news, topics=["Syria", "Iraq", "Energy", "Diplomacy"]
    )

    assert queries_for(
        client, reverse("wagtailadmin_pages:edit", args=(four.pk,))
    ) == queries_for(client, reverse("wagtailadmin_pages:edit", args=(one.pk,)))


def test_article_editor_shows_the_articles_topics_checked(newsroom, editor, client):
    login(client, editor)
    article = ArticlePageFactory(parent=newsroom.news, topics=["Syria", "Energy"])
    ArticlePageFactory(parent=newsroom.news, topics=["Iraq"])

    html = client.get(
        reverse("wagtailadmin_pages:edit", args=(article.pk,))
    ).content.decode()
    boxes = re.findall(
        r'<input type="checkbox" name="topics" value="([^"]+)"[^>]*>', html
    )
    checked = set(
        re.findall(
            r'<input type="checkbox" name="topics" value="([^"]+)"[^>]*checked', html
        )
    )

    assert {"Syria", "Energy", "Iraq"} <= set(boxes)
    assert checked == {"Syria", "Energy"}


def _submit(article, writer):
    article.title += " (revised)"
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)


def _inbox(rf, editor):
    """Wagtail's rows of the editor's review inbox, before the newsroom adds to them."""
    request = rf.get("/admin/")
    request.user = editor
    panel = WorkflowObjectsToModeratePanel()
    return panel.get_context_data({"request": request, "csrf_token": ""})["states"]


def _comparison_queries(states):
    with CaptureQueriesContext(connection) as captured:
        add_review_comparisons(states)
    return len(captured)


def test_review_inbox_comparisons_cost_the_same_queries_for_more_submissions(
    newsroom, writer, editor, rf
):
    """
    The comparisons the newsroom adds to each row of Wagtail's inbox (since
    the last review, against what is live) are found for all rows at once.
    """
    articles = add_articles(newsroom, 6, owner=writer)
    _submit(articles[0], writer)
    states = _inbox(rf, editor)
    assert len(states) == 1
    few = _comparison_queries(states)

    for article in articles[1:]:
        _submit(article, writer)
    states = _inbox(rf, editor)

    assert len(states) == 6
    assert _comparison_queries(states) == few


def test_review_inbox_compares_each_submission_with_its_own_earlier_version(
    newsroom, writer, editor, rf
):
    articles = add_articles(newsroom, 2, owner=writer)
    for article in articles:
        article.save_revision(user=writer).publish()
        _submit(article, writer)
    states = _inbox(rf, editor)

    add_review_comparisons(states)

    assert len(states) == 2
    for state in states:
        since = state["since_revision"]
        assert since is not None
        assert since.object_id == str(state["obj"].pk)
        assert since.pk < state["revision"].pk
        assert state["since_label"] == "Changes since the previous version"


def test_translate_is_offered_on_a_row_without_wagtail_localizes_row_queries(
    newsroom, editor, client
):
    Locale.objects.get_or_create(language_code="ar")
    article = ArticlePageFactory(parent=newsroom.news, title="Untranslated story")
    login(client, editor)

    html = client.get(
        reverse("wagtailadmin_explore", args=(newsroom.news.pk,))
    ).content.decode()

    row_hooks = hooks.get_hooks("register_page_listing_more_buttons")
    assert translate_row_button in row_hooks
    assert localize_hooks.page_listing_more_buttons not in row_hooks
    assert (
        reverse("wagtail_localize:submit_page_translation", args=(article.pk,)) in html
    )


def test_writer_may_delete_an_idle_draft_from_the_listing_but_not_one_in_review(
    newsroom, writer, client
):
    idle, waiting = (
        ArticlePageFactory(parent=newsroom.news, owner=writer, live=False)
        for _ in range(2)
    )
    _submit(waiting, writer)
    login(client, writer)

    html = client.get(
        reverse("wagtailadmin_explore", args=(newsroom.news.pk,))
    ).content.decode()

    assert reverse("wagtailadmin_pages:delete", args=(idle.pk,)) in html
    assert reverse("wagtailadmin_pages:delete", args=(waiting.pk,)) not in html
