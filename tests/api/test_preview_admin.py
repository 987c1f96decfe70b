"""The editor's preview panel in Frontend mode, driven through Wagtail's own preview view."""

from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse
from wagtail.models import Site
from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)

from blog.models import Topic
from home.models import FrontendSettings
from tests.factories import ArticlePageFactory, AuthorPageFactory


@pytest.fixture(autouse=True)
def frontend_is_running(monkeypatch):
    """The frontend answers (no network in the tests: the probe is told so)."""
    monkeypatch.setattr("cms.preview.mixins.frontend_answers", lambda url: True)


@pytest.fixture
def article(newsroom, writer):
    author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    page = ArticlePageFactory(
        parent=newsroom.news, authors=[author], owner=writer, title="Live headline"
    )
    page.author = author
    return page


def test_unsaved_edits_in_the_admin_preview_panel_reach_the_frontend(article, editor):
    Topic.objects.create(name="Syria")  # topics are curated before they are used
    FrontendSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"preview_url": "https://www.example.com/api/preview"},
    )
    client = Client()
    client.force_login(editor)
    url = reverse("wagtailadmin_pages:preview_on_edit", args=[article.pk])
    form = nested_form_data(
        {
            "title": "Typed in the editor",
            "slug": article.slug,
            "standfirst": "Not saved anywhere yet.",
            "article_authors": inline_formset([{"author": article.author.pk}]),
            "body": streamfield([("paragraph", rich_text("<p>Draft body.</p>"))]),
            "topics": "Syria",
            "comments": inline_formset([]),
            "corrections": inline_formset([]),
        }
    )

    check = client.post(url, form)
    panel = client.get(url, {"mode": "frontend"})

    assert check.json()["is_valid"] is True, check.content
    assert panel.status_code == HTTPStatus.FOUND
    location = urlsplit(panel["Location"])
    assert location.netloc == "www.example.com"
    token = parse_qs(location.query)["token"][0]
    preview = Client().get("/api/v1/preview/", {"token": token}).json()
    assert preview["title"] == "Typed in the editor"
    assert preview["standfirst"] == "Not saved anywhere yet."
    article.refresh_from_db()
    assert article.title == "Live headline"
    assert article.revisions.count() == 1


def test_a_new_article_can_be_previewed_before_its_first_save(newsroom, writer):
    FrontendSettings.objects.update_or_create(
        site=Site.objects.get(is_default_site=True),
        defaults={"preview_url": "https://www.example.com/api/preview"},
    )
    client = Client()
    client.force_login(writer)
    url = reverse(
        "wagtailadmin_pages:preview_on_add",
        args=["blog", "articlepage", newsroom.news.pk],
    )
    form = nested_form_data(
        {
            "title": "Not yet saved",
            "slug": "not-yet-saved",
            "standfirst": "Brand new.",
            "article_authors": inline_formset([]),
            "body": streamfield([("paragraph", rich_text("<p>New.</p>"))]),
            "topics": "",
            "comments": inline_formset([]),
            "corrections": inline_formset([]),
        }
    )

    check = client.post(url, form)
    panel = client.get(url, {"mode": "frontend"})

    assert check.json()["is_valid"] is True, check.content
    token = parse_qs(urlsplit(panel["Location"]).query)["token"][0]
    preview = Client().get("/api/v1/preview/", {"token": token})
    assert preview.status_code == HTTPStatus.OK, preview.content
    assert preview.json()["title"] == "Not yet saved"
