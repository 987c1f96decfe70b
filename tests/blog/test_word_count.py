"""The body's word count in the editor is the figure the API serves."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from blog.models import ArticlePage
from blog.text import reading_minutes
from cms.devtools.demo.seed import read_seed_article
from tests.admin_forms import article_form_data
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_editor_counts_the_seed_articles_body_as_the_api_does(
    newsroom, writer, client, publish
):
    seed = read_seed_article()
    form = article_form_data(seed.title, paragraphs=seed.paragraphs)
    login(client, writer)
    live = client.post(reverse("newsroom_body_word_count"), form).json()
    client.post(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        ),
        form,
    )
    saved = ArticlePage.objects.get(title=seed.title)
    with publish():
        saved.get_latest_revision().publish()
    served = client.get(
        "/api/v1/articles/by-path/", {"path": saved.get_url_parts()[2]}
    ).json()
    words = sum(len(paragraph.split()) for paragraph in seed.paragraphs)
    assert live["words"] == served["word_count"] == words
    assert live["minutes"] == served["reading_time"] == reading_minutes(words)
    assert live["label"] == f"{words} words · {reading_minutes(words)} min read"


def test_editor_count_leaves_out_markup_and_counts_every_text_block(writer, client):
    login(client, writer)
    form = article_form_data("Count", paragraphs=["<b>Two</b> words", "and three more"])
    assert client.post(reverse("newsroom_body_word_count"), form).json()["words"] == 5


def test_an_empty_body_has_no_words(writer, client):
    login(client, writer)
    answer = client.post(
        reverse("newsroom_body_word_count"), article_form_data("Empty")
    ).json()
    assert answer["words"] == 0
    assert answer["label"] == "0 words · 1 min read"


def test_word_count_is_for_signed_in_editors_only(client):
    response = client.post(reverse("newsroom_body_word_count"), {})
    assert response.status_code in (HTTPStatus.FOUND, HTTPStatus.FORBIDDEN)


def test_editor_page_loads_the_live_word_count(newsroom, writer, client):
    login(client, writer)
    html = client.get(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        )
    ).content.decode()
    assert "js/word-count" in html
    assert reverse("newsroom_body_word_count") in html


def test_a_form_without_a_body_is_a_problem_not_a_crash(writer, client):
    login(client, writer)
    response = client.post(reverse("newsroom_body_word_count"), {"title": "No body"})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "body-count"
