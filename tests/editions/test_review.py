"""
Translations are pages with their own drafts and revisions, and go through the
same "Editorial review" as every other change: writers cannot publish them.
"""

from http import HTTPStatus

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from wagtail.actions.publish_page_revision import PublishPageRevisionAction

from blog.models import ArticlePage
from tests.factories import TEST_PASSWORD, ArticlePageFactory

from .conftest import ARABIC_TITLE

pytestmark = pytest.mark.django_db

ARABIC_PATH = "/ar/news/hama-braces/"


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


@pytest.fixture
def writers_article(newsroom, writer, publish):
    with publish():
        return ArticlePageFactory(
            parent=newsroom.news, title="Hama braces", slug="hama-braces", owner=writer
        )


@pytest.fixture
def arabic_draft(client, writer, writers_article, arabic):
    """The writer asks for an Arabic translation with wagtail-localize's "Translate"."""
    login(client, writer)
    response = client.post(
        reverse("wagtail_localize:submit_page_translation", args=[writers_article.pk]),
        {"locales": [arabic.pk]},
    )
    assert response.status_code == HTTPStatus.FOUND
    client.logout()
    return ArticlePage.objects.get(
        translation_key=writers_article.translation_key, locale=arabic
    )


def test_a_translation_is_a_draft_in_the_editorial_review_workflow(
    arabic_draft, newsroom
):
    assert not arabic_draft.live
    assert arabic_draft.get_workflow() == newsroom.workflow
    assert arabic_draft.get_parent().get_workflow() == newsroom.workflow


def test_writer_cannot_publish_a_translation(arabic_draft, writer, editor):
    revision = arabic_draft.save_revision(user=writer)

    assert not arabic_draft.permissions_for_user(writer).can_publish()
    assert arabic_draft.permissions_for_user(editor).can_publish()
    with pytest.raises(PermissionDenied):
        PublishPageRevisionAction(revision, user=writer).execute()
    arabic_draft.refresh_from_db()
    assert not arabic_draft.live


def test_a_translation_never_shows_in_public_routes_before_approval(
    client, arabic_draft, writer, editor, newsroom, publish
):
    arabic_draft.title = ARABIC_TITLE
    arabic_draft.save_revision(user=writer)
    newsroom.workflow.start(arabic_draft, writer)

    for url, params in [
        ("/api/v1/articles/", {"locale": "ar"}),
        ("/api/v1/search/", {"q": "السوري", "locale": "ar"}),
    ]:
        assert client.get(url, params).json()["results"] == []
    for url in [
        f"/api/v1/articles/{arabic_draft.pk}/",
        f"/api/v1/articles/by-path/?path={ARABIC_PATH}",
        f"/api/v1/find/?path={ARABIC_PATH}",
        ARABIC_PATH,
    ]:
        assert client.get(url).status_code == HTTPStatus.NOT_FOUND, url
    assert ARABIC_TITLE not in client.get("/ar/feeds/articles.rss").text

    # The editor approves it from the review inbox: it goes live.
    login(client, editor)
    arabic_draft.refresh_from_db()
    state = arabic_draft.current_workflow_task_state
    with publish():
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(arabic_draft.pk, "approve", state.pk),
            ),
            {"comment": ""},
        )
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    client.logout()

    arabic_draft.refresh_from_db()
    assert arabic_draft.live
    document = client.get(f"/api/v1/articles/by-path/?path={ARABIC_PATH}").json()
    assert document["locale"] == "ar"
    assert document["title"] == ARABIC_TITLE
    page = client.get(ARABIC_PATH)
    assert page.status_code == HTTPStatus.OK
    assert ARABIC_TITLE in client.get("/ar/feeds/articles.rss").text
    assert ARABIC_TITLE not in client.get("/feeds/articles.rss").text


def test_an_author_bio_linked_to_an_account_can_be_translated(
    newsroom, writer, arabic, publish
):
    from tests.factories import AuthorPageFactory

    from .conftest import translate

    with publish():
        bio = AuthorPageFactory(parent=newsroom.authors, title="Sofia", user=writer)
        arabic_bio = translate(bio, "ar", title="صوفيا نواب")

    assert arabic_bio.live
    assert arabic_bio.user is None
    bio.refresh_from_db()
    assert bio.user == writer


def test_translating_a_live_article_makes_a_draft_not_a_live_page(
    client, writer, writers_article, arabic, django_capture_on_commit_callbacks
):
    """wagtail-localize publishes a live page's translation once the request commits, unless told not to."""
    login(client, writer)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtail_localize:submit_page_translation", args=[writers_article.pk]
            ),
            {"locales": [arabic.pk]},
        )
    assert response.status_code == HTTPStatus.FOUND

    translation = ArticlePage.objects.get(
        translation_key=writers_article.translation_key, locale=arabic
    )
    assert not translation.live
    # It opens in Wagtail's own editor, where it can be submitted for review.
    editor_page = client.get(response["Location"])
    assert b"Submit to Editorial review" in editor_page.content


def _synced_translation(page, locale, user):
    from wagtail_localize.models import TranslationSource

    source, _created = TranslationSource.get_or_create_from_instance(page)
    translation = source.translations.create(target_locale=locale, enabled=True)
    translation.save_target(user=user, publish=False)
    return source


def test_writer_cannot_publish_by_syncing_translations(
    client, writer, writers_article, arabic, django_capture_on_commit_callbacks
):
    source = _synced_translation(writers_article, arabic, writer)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    login(client, writer)

    form = client.get(url).context["form"]
    assert form.fields["publish_translations"].disabled
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"publish_translations": "on"})
    assert response.status_code == HTTPStatus.FOUND

    translation = ArticlePage.objects.get(
        translation_key=writers_article.translation_key, locale=arabic
    )
    assert not translation.live


def test_editor_may_publish_by_syncing_translations(
    client, editor, writers_article, arabic, django_capture_on_commit_callbacks
):
    source = _synced_translation(writers_article, arabic, editor)
    url = reverse("wagtail_localize:update_translations", args=[source.pk])
    login(client, editor)

    assert not client.get(url).context["form"].fields["publish_translations"].disabled
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"publish_translations": "on"})

    assert ArticlePage.objects.get(
        translation_key=writers_article.translation_key, locale=arabic
    ).live
