"""The byline's author chooser: author bios with photo, name and role."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.factories import TEST_PASSWORD, AuthorPageFactory, ImageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_byline_opens_the_author_chooser_not_the_page_tree(newsroom, writer, client):
    login(client, writer)
    form_html = client.get(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        )
    ).content.decode()
    assert reverse("author_chooser:choose") in form_html
    assert "Choose an author" in form_html
    assert "wagtailadmin_choose_page" not in form_html


def test_author_chooser_shows_each_bio_with_photo_name_and_role(
    newsroom, writer, client
):
    AuthorPageFactory(
        parent=newsroom.authors,
        title="Sofia Nawab",
        role="Middle East correspondent",
        photo=ImageFactory(),
    )
    AuthorPageFactory(parent=newsroom.authors, title="Omar Haddad", role="Editor")
    login(client, writer)
    response = client.get(reverse("author_chooser:choose"), {"multiple": "true"})
    assert response.status_code == HTTPStatus.OK
    html = response.json()["html"]
    assert "Sofia Nawab" in html and "Middle East correspondent" in html
    assert "Omar Haddad" in html and ">OH<" in html  # initials when no photo
    assert 'class="newsroom-portrait"' in html  # the photo, cropped square
    assert "Only pages of type" not in html
    assert html.index("Omar Haddad") < html.index("Sofia Nawab")


def test_author_chooser_finds_an_author_by_name(newsroom, writer, client):
    AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    AuthorPageFactory(parent=newsroom.authors, title="Omar Haddad")
    login(client, writer)
    response = client.get(reverse("author_chooser:choose_results"), {"q": "Sofia"})
    assert "Sofia Nawab" in response.content.decode()
    assert "Omar Haddad" not in response.content.decode()


def test_author_chooser_lists_authors_in_constant_queries(
    newsroom, writer, client, django_assert_max_num_queries
):
    login(client, writer)
    url = reverse("author_chooser:choose")
    AuthorPageFactory(parent=newsroom.authors, photo=ImageFactory())
    client.get(url)  # warm the session and the site caches
    with CaptureQueriesContext(connection) as one_author:
        client.get(url)
    # Read now: every request clears the connection's query log.
    queries_for_one_author = len(one_author)
    for _ in range(8):
        AuthorPageFactory(parent=newsroom.authors, photo=ImageFactory())
    client.get(url)  # the new portraits' renditions are made once
    with django_assert_max_num_queries(queries_for_one_author):
        client.get(url)


def test_choosing_an_author_returns_the_bio(newsroom, writer, client):
    sofia = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    login(client, writer)
    response = client.get(reverse("author_chooser:chosen", args=(sofia.pk,)))
    assert response.json()["result"]["title"] == "Sofia Nawab"
    assert response.json()["result"]["id"] == str(sofia.pk)
