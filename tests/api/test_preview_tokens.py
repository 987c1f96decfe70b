"""Headless preview: signed, expiring, page-bound tokens exchanged for the draft document."""

import json
import socket
from http import HTTPStatus
from urllib.parse import parse_qs, urlsplit

import pytest
from django.core import signing
from django.test import Client, RequestFactory
from wagtail.models import APIToken, Site

from cms.api.editorial.models import TokenPolicy
from cms.preview import tokens
from cms.preview.models import PreviewSnapshot
from cms.preview.tokens import make_token
from cms.publishing.representations import article_document, author_document
from home.models import FrontendSettings
from tests.factories import ArticlePageFactory, AuthorPageFactory

PREVIEW_URL = "/api/v1/preview/"


def key_tree(value):
    """The document's shape: nested keys, list items merged, values dropped."""
    if isinstance(value, dict):
        return {key: key_tree(item) for key, item in value.items()}
    if isinstance(value, list):
        merged = {}
        for item in value:
            shape = key_tree(item)
            if isinstance(shape, dict):
                merged.update(shape)
        return [merged] if merged else []
    return None


def fetch(token, **params):
    return Client().get(PREVIEW_URL, {"token": token, **params})


def revision_token(page):
    page.refresh_from_db()
    return make_token(page_id=page.pk, revision_id=page.latest_revision_id)


@pytest.fixture
def author(newsroom):
    return AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")


@pytest.fixture
def article(newsroom, writer, author):
    return ArticlePageFactory(
        parent=newsroom.news,
        authors=[author],
        topics=["Syria"],
        owner=writer,
        title="Syrian Regime Seeks Regional Support",
    )


@pytest.fixture
def frontend(newsroom, monkeypatch):
    """A frontend that is running (no network in the tests: the probe says so)."""
    monkeypatch.setattr("cms.preview.mixins.frontend_answers", lambda url: True)
    site = Site.objects.get(is_default_site=True)
    FrontendSettings.objects.update_or_create(
        site=site,
        defaults={"preview_url": "https://www.example.com/api/preview?from=cms"},
    )


def test_token_round_trip_returns_the_draft(article):
    response = fetch(revision_token(article))

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == article.pk
    assert response.json()["title"] == article.title


def test_preview_responses_are_never_cached(article):
    response = fetch(revision_token(article))

    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_pending_revision_of_a_live_page_is_in_preview_but_not_public(article, writer):
    article.title = "Regime Courts Gulf Neighbours"
    article.save_revision(user=writer)

    preview = fetch(revision_token(article)).json()

    assert preview["title"] == "Regime Courts Gulf Neighbours"
    article.refresh_from_db()
    assert article.title == "Syrian Regime Seeks Regional Support"
    assert article_document(article)["title"] == "Syrian Regime Seeks Regional Support"


def test_preview_has_exactly_the_shape_of_the_live_article(article, writer):
    article.standfirst = "Changed in the draft."
    article.save_revision(user=writer)

    preview = fetch(revision_token(article)).json()

    live = json.loads(json.dumps(article_document(article), default=str))
    assert key_tree(preview) == key_tree(live)


def test_preview_matches_the_live_detail_endpoint_key_for_key(article, writer, rebuild):
    rebuild()
    live = Client().get(f"/api/v1/articles/{article.pk}/")
    article.title = "A pending headline"
    article.save_revision(user=writer)

    preview = fetch(revision_token(article))

    assert live.status_code == HTTPStatus.OK
    assert key_tree(preview.json()) == key_tree(live.json())
    public = Client().get(f"/api/v1/articles/{article.pk}/").json()
    assert public["title"] == "Syrian Regime Seeks Regional Support"
    assert preview.json()["title"] == "A pending headline"


def test_preview_is_never_answered_from_the_server_side_cache(article, editor):
    request = RequestFactory().get("/admin/preview/", HTTP_HOST="localhost")
    request.user = editor
    article.serve_preview(request, "frontend")
    snapshot = PreviewSnapshot.objects.get()
    token = make_token(page_id=article.pk, snapshot_id=snapshot.pk)
    assert fetch(token).json()["title"] == article.title

    article.title = "Edited again"
    snapshot.content_json = article.to_json()
    snapshot.save()

    assert fetch(token).json()["title"] == "Edited again"


def test_preview_has_exactly_the_shape_of_the_live_author_bio(author):
    preview = fetch(revision_token(author)).json()

    assert key_tree(preview) == key_tree(
        json.loads(json.dumps(author_document(author), default=str))
    )


def test_expired_token_is_refused(article, monkeypatch):
    token = revision_token(article)
    monkeypatch.setattr(tokens, "max_age_seconds", lambda: -1)

    response = fetch(token)

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["Content-Type"] == "application/problem+json"
    assert "expired" in response.json()["detail"]


def test_token_lifetime_comes_from_the_setting(article, settings):
    settings.PREVIEW_TOKEN_MAX_AGE = 0
    token = revision_token(article)

    response = fetch(token)

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_tampered_token_is_refused(article, newsroom):
    token = revision_token(article)
    other = make_token(page_id=newsroom.news.pk, revision_id=article.latest_revision_id)
    # The other page's payload under this token's timestamp and signature.
    spliced = other.split(":")[0] + ":" + token.split(":", 1)[1]
    forged = signing.dumps(
        {"p": newsroom.news.pk, "r": article.latest_revision_id}, salt="another salt"
    )

    assert fetch(spliced).status_code == HTTPStatus.UNAUTHORIZED
    assert fetch(forged).status_code == HTTPStatus.UNAUTHORIZED
    assert fetch("not-a-token").status_code == HTTPStatus.UNAUTHORIZED


def test_token_for_one_page_cannot_open_another(article, author):
    token = revision_token(article)

    response = fetch(token, page_id=author.pk)

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response["Content-Type"] == "application/problem+json"


def test_token_cannot_borrow_another_pages_revision(article, author):
    token = make_token(page_id=article.pk, revision_id=author.latest_revision_id)

    assert fetch(token).status_code == HTTPStatus.NOT_FOUND


def test_content_type_must_match_the_token(article):
    response = fetch(revision_token(article), content_type="blog.authorpage")

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_unsaved_edits_in_the_preview_panel_reach_the_frontend(
    article, editor, frontend
):
    request = RequestFactory().get("/admin/preview/", HTTP_HOST="localhost")
    request.user = editor
    article.title = "Typed but not saved"
    article.standfirst = "Still only in the editor's form."

    response = article.serve_preview(request, "frontend")

    assert response.status_code == HTTPStatus.FOUND
    location = urlsplit(response["Location"])
    assert location.netloc == "www.example.com"
    query = parse_qs(location.query)
    assert query["from"] == ["cms"]
    assert query["content_type"] == ["blog.articlepage"]
    preview = fetch(query["token"][0], content_type="blog.articlepage").json()
    assert preview["title"] == "Typed but not saved"
    assert preview["standfirst"] == "Still only in the editor's form."
    assert [a["name"] for a in preview["authors"]] == ["Sofia Nawab"]
    article.refresh_from_db()
    assert article.title == "Syrian Regime Seeks Regional Support"


def test_frontend_preview_says_how_to_start_a_frontend_that_does_not_answer(
    article, editor
):
    with socket.socket() as probe:  # a local port nobody listens on
        probe.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{probe.getsockname()[1]}"
    frontend_settings = FrontendSettings.for_site(
        Site.objects.get(is_default_site=True)
    )
    frontend_settings.preview_url = f"{down}/preview"
    frontend_settings.save()
    request = RequestFactory().get("/admin/preview/", HTTP_HOST="localhost")
    request.user = editor

    response = article.serve_preview(request, "frontend")
    response.render()

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "The frontend is not answering" in html
    assert f"{down}</strong>" in html
    assert "make frontend" in html
    assert "private" in response["Cache-Control"]


def test_frontend_mode_without_a_preview_url_explains_what_to_set(article, editor):
    request = RequestFactory().get("/admin/preview/", HTTP_HOST="localhost")
    request.user = editor

    response = article.serve_preview(request, "frontend")
    response.render()

    assert response.status_code == HTTPStatus.OK
    assert b"Frontend preview URL" in response.content


def test_editor_sees_a_frontend_preview_mode_beside_the_html_preview(article, editor):
    client = Client()
    client.force_login(editor)

    response = client.get(f"/admin/pages/{article.pk}/edit/")

    assert response.status_code == HTTPStatus.OK
    assert b'value="frontend"' in response.content


def test_editorial_api_mints_a_preview_token_for_the_latest_revision(
    article, writer, frontend
):
    api_token, plaintext = APIToken.create_token(user=writer, name="preview")
    TokenPolicy.objects.create(token=api_token, scope="read")
    article.title = "Draft headline"
    article.save_revision(user=writer)

    minted = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}").get(
        f"/api/editorial/pages/{article.pk}/preview-token/"
    )

    assert minted.status_code == HTTPStatus.OK, minted.content
    assert minted.json()["preview_url"].startswith("https://www.example.com/")
    assert fetch(minted.json()["token"]).json()["title"] == "Draft headline"
