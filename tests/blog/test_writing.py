"""Starting and writing an article in the editor, as a writer meets it."""

import re
from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, AuthorPageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client


def test_writer_starts_a_new_article_from_the_dashboard(newsroom, writer, client):
    login(client, writer)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
    )
    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    assert f'href="{add_url}"' in dashboard
    assert "New article" in dashboard
    response = client.get(reverse("newsroom_new_article"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == add_url


def test_new_article_byline_defaults_to_the_writers_author_bio(
    newsroom, writer, client
):
    sofia = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab", user=writer)
    AuthorPageFactory(parent=newsroom.authors, title="Omar Haddad")
    login(client, writer)
    response = client.get(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        )
    )
    form = response.context["form"]
    authors = form.formsets["article_authors"]
    assert [f.initial.get("author") or f.instance.author_id for f in authors.forms] == [
        sofia.pk
    ]
    assert "Sofia Nawab" in response.content.decode()


def test_new_article_byline_is_empty_for_a_user_without_an_author_bio(
    newsroom, editor, client
):
    login(client, editor)
    response = client.get(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        )
    )
    assert len(response.context["form"].formsets["article_authors"].forms) == 0


def test_writer_files_an_article_under_curated_topics_and_cannot_coin_new_ones(
    newsroom, writer, client
):
    from blog.models import ArticlePage, Topic
    from tests.admin_forms import article_form_data

    syria, iraq = Topic.objects.create(name="Syria"), Topic.objects.create(name="Iraq")
    login(client, writer)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
    )
    form_html = client.get(add_url).content.decode()
    # Each topic is a labelled checkbox.
    assert 'value="Syria"' in form_html and 'value="Iraq"' in form_html
    assert 'type="checkbox" name="topics"' in form_html
    client.post(add_url, article_form_data("Border talks", topics=[syria, iraq]))
    article = ArticlePage.objects.get(slug="border-talks")
    latest = article.get_latest_revision_as_object()
    assert sorted(latest.topics.names()) == ["Iraq", "Syria"]
    # A made-up topic is refused, not created.
    response = client.post(
        add_url, article_form_data("Coined", paragraphs=["x"]) | {"topics": "Brand new"}
    )
    assert response.status_code == HTTPStatus.OK
    assert not Topic.objects.filter(name="Brand new").exists()
    assert not ArticlePage.objects.filter(slug="coined").exists()


def test_news_listing_offers_a_labelled_new_article_button(newsroom, writer, client):
    login(client, writer)
    listing = client.get(
        reverse("wagtailadmin_explore", args=(newsroom.news.pk,))
    ).content.decode()
    add_url = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
    )
    button = re.search(rf'<a href="{re.escape(add_url)}"[^>]*>(.*?)</a>', listing, re.S)
    assert button, "no button opening a new article in the News listing"
    assert "New article" in button.group(1)
    assert 'aria-label="Add child page"' not in listing


def test_a_long_headline_wraps_in_its_field_and_stays_one_line(
    newsroom, writer, client
):
    from blog.models import ArticlePage
    from tests.admin_forms import article_form_data

    login(client, writer)
    add_url = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
    )
    form_html = client.get(add_url).content.decode()
    title = re.search(r"<textarea[^>]*name=\"title\"[^>]*>", form_html)
    assert title, "the headline is a one-line input that hides a long headline"
    assert "w-sync" in title.group(0)  # the slug still follows the headline
    client.post(
        add_url,
        article_form_data("Talks resume\r\nin Geneva", slug="talks-resume-in-geneva"),
    )
    assert ArticlePage.objects.get(slug="talks-resume-in-geneva").title == (
        "Talks resume in Geneva"
    )


def test_editor_shows_lengths_against_search_and_social_limits(
    newsroom, writer, client
):
    login(client, writer)
    html = client.get(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        )
    ).content.decode()
    assert "js/length-hints" in html
    assert "search_description" in html and "&quot;limit&quot;: 160" in html
