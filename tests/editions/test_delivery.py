"""The Delivery API reads one edition at a time and links each page's translations."""

from http import HTTPStatus

import pytest
from django.test import override_settings

from cms.http.problems import PROBLEM_JSON
from tests.factories import ArticlePageFactory

from .conftest import ARABIC_TITLE

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"


def test_the_article_list_reads_the_default_edition_unless_told(
    client, english_article, arabic_article
):
    default = client.get(ARTICLES).json()
    arabic = client.get(ARTICLES, {"locale": "ar"}).json()

    assert [item["id"] for item in default["results"]] == [english_article.pk]
    assert default["results"][0]["locale"] == "en-gb"
    assert [item["id"] for item in arabic["results"]] == [arabic_article.pk]
    assert arabic["results"][0]["locale"] == "ar"
    assert arabic["results"][0]["title"] == ARABIC_TITLE


@override_settings(API_RESPONSE_CACHE=False)
def test_each_edition_keeps_its_own_list_total(
    client, newsroom, english_article, arabic_article, publish
):
    with publish():
        ArticlePageFactory(parent=newsroom.news, title="Only in English")
    english = client.get(ARTICLES).json()
    arabic = client.get(ARTICLES, {"locale": "ar"}).json()

    assert english["count"] == 2
    assert arabic["count"] == 1
    assert client.get(ARTICLES).json()["count"] == 2


def test_an_unknown_locale_is_a_bad_request_naming_the_editions(client, newsroom):
    response = client.get(ARTICLES, {"locale": "xx"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON
    assert response.json()["invalid_params"] == [
        {"name": "locale", "reason": "allowed: en-gb, ar"}
    ]


def test_each_edition_links_the_other_with_locale_url_and_api_url(
    client, english_article, arabic_article
):
    english = client.get(f"{ARTICLES}{english_article.pk}/").json()
    arabic = client.get(f"{ARTICLES}{arabic_article.pk}/").json()

    assert english["locale"] == "en-gb"
    assert english["translations"] == [
        {
            "locale": "ar",
            "title": ARABIC_TITLE,
            "path": "/ar/news/syrian-regime-seeks-regional-support/",
            "url": "http://testserver/ar/news/syrian-regime-seeks-regional-support/",
            "api_url": f"http://testserver/api/v1/articles/{arabic_article.pk}/",
        }
    ]
    assert arabic["path"] == "/ar/news/syrian-regime-seeks-regional-support/"
    assert [link["locale"] for link in arabic["translations"]] == ["en-gb"]
    assert arabic["translations"][0]["path"] == (
        "/news/syrian-regime-seeks-regional-support/"
    )


def test_an_unpublished_translation_is_linked_from_nowhere(
    client, english_article, arabic, publish
):
    from .conftest import translate

    with publish():
        draft = translate(english_article, "ar", publish=False, title=ARABIC_TITLE)

    english = client.get(f"{ARTICLES}{english_article.pk}/").json()
    assert english["translations"] == []
    assert client.get(f"{ARTICLES}{draft.pk}/").status_code == HTTPStatus.NOT_FOUND
    assert client.get(ARTICLES, {"locale": "ar"}).json()["results"] == []
    by_path = client.get(
        f"{ARTICLES}by-path/",
        {"path": "/ar/news/syrian-regime-seeks-regional-support/"},
    )
    assert by_path.status_code == HTTPStatus.NOT_FOUND


def test_by_path_and_find_resolve_the_arabic_path(client, arabic_article):
    path = "/ar/news/syrian-regime-seeks-regional-support/"

    by_path = client.get(f"{ARTICLES}by-path/", {"path": path})
    found = client.get("/api/v1/find/", {"path": path})

    assert by_path.json()["id"] == arabic_article.pk
    assert found.json()["id"] == arabic_article.pk


def test_find_resolves_the_arabic_home_and_section(client, arabic_article):
    home = client.get("/api/v1/find/", {"path": "/ar/"})
    news = client.get("/api/v1/find/", {"path": "/ar/news/"})

    assert home.status_code == HTTPStatus.OK
    assert home.json()["type"] == "home"
    assert news.json()["type"] == "section"
    assert news.json()["path"] == "/ar/news/"


def test_a_missing_translation_is_a_404_naming_the_editions_that_exist(
    client, english_article
):
    response = client.get(
        f"{ARTICLES}by-slug/syrian-regime-seeks-regional-support/", {"locale": "ar"}
    )

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["locale"] == "ar"
    assert problem["available_locales"] == [
        {
            "locale": "en-gb",
            "path": "/news/syrian-regime-seeks-regional-support/",
            "api_url": f"http://testserver/api/v1/articles/{english_article.pk}/",
        }
    ]


def test_a_missing_arabic_path_is_a_404_naming_the_editions_that_exist(
    client, english_article
):
    response = client.get(
        f"{ARTICLES}by-path/",
        {"path": "/ar/news/syrian-regime-seeks-regional-support/"},
    )

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert [entry["locale"] for entry in response.json()["available_locales"]] == [
        "en-gb"
    ]


def test_the_default_edition_is_served_only_when_the_client_asks_for_it(
    client, english_article
):
    response = client.get(
        f"{ARTICLES}by-slug/syrian-regime-seeks-regional-support/",
        {"locale": "ar", "fallback": "default"},
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["id"] == english_article.pk
    assert response.json()["locale"] == "en-gb"


def test_by_slug_reads_the_asked_edition_when_both_share_the_slug(
    client, english_article, arabic_article
):
    english = client.get(f"{ARTICLES}by-slug/syrian-regime-seeks-regional-support/")
    arabic = client.get(
        f"{ARTICLES}by-slug/syrian-regime-seeks-regional-support/", {"locale": "ar"}
    )

    assert english.json()["id"] == english_article.pk
    assert arabic.json()["id"] == arabic_article.pk


def test_publishing_a_translation_refreshes_its_source_document(
    client, english_article, arabic, publish
):
    from .conftest import translate

    before = client.get(f"{ARTICLES}{english_article.pk}/")
    with publish():
        translate(english_article, "ar", title=ARABIC_TITLE)
    after = client.get(
        f"{ARTICLES}{english_article.pk}/", HTTP_IF_NONE_MATCH=before["ETag"]
    )

    assert after.status_code == HTTPStatus.OK
    assert [link["locale"] for link in after.json()["translations"]] == ["ar"]


def test_authors_list_reads_one_edition(client, english_article, arabic_article):
    default = client.get("/api/v1/authors/").json()
    arabic = client.get("/api/v1/authors/", {"locale": "ar"}).json()

    assert [author["locale"] for author in default["results"]] == ["en-gb"]
    assert arabic["results"] == []


def test_arabic_list_queries_stay_constant_as_it_grows(
    client,
    english_article,
    arabic_article,
    newsroom,
    publish,
    django_assert_max_num_queries,
):
    from .conftest import translate

    with django_assert_max_num_queries(6):
        small = client.get(ARTICLES, {"locale": "ar"})
    with publish():
        for number in range(5):
            source = ArticlePageFactory(parent=newsroom.news, title=f"Story {number}")
            translate(source, "ar", title=f"خبر {number}")
    with django_assert_max_num_queries(6):
        large = client.get(ARTICLES, {"locale": "ar", "limit": 50})

    assert len(small.json()["results"]) == 1
    assert len(large.json()["results"]) == 6


def test_publishing_a_translation_purges_its_editions_list_from_the_cdn(
    english_article, arabic, publish, settings
):
    from tests.api.test_caching import PURGED

    from .conftest import translate

    settings.WAGTAILFRONTENDCACHE = {
        "cdn": {"BACKEND": "tests.api.test_caching.RecordingBackend"}
    }
    PURGED.clear()
    with publish():
        arabic_article = translate(english_article, "ar", title=ARABIC_TITLE)

    assert f"http://testserver/api/v1/articles/{arabic_article.pk}/" in PURGED
    assert "http://testserver/api/v1/articles/?locale=ar" in PURGED


def test_webhook_payload_names_the_edition(arabic_article):
    from cms.events.models import ContentEvent
    from cms.webhooks.payloads import build

    event = ContentEvent.objects.filter(page_id=arabic_article.pk).latest("pk")
    payload = build(event)

    assert payload["page"]["locale"] == "ar"
    assert payload["data"]["document"]["locale"] == "ar"


def test_a_translated_byline_names_the_bio_of_its_own_edition(
    client, english_article, arabic_article, publish
):
    """A translation keeps its source's byline; readers of each edition meet that edition's bio."""
    from blog.models import AuthorPage

    from .conftest import translate

    english_bio = AuthorPage.objects.get(title="Sofia Nawab")
    assert client.get(f"{ARTICLES}{arabic_article.pk}/").json()["authors"][0][
        "name"
    ] == ("Sofia Nawab")

    with publish():
        arabic_bio = translate(english_bio, "ar", title="صوفيا نواب")

    arabic = client.get(f"{ARTICLES}{arabic_article.pk}/").json()
    english = client.get(f"{ARTICLES}{english_article.pk}/").json()
    assert [author["id"] for author in arabic["authors"]] == [arabic_bio.pk]
    assert arabic["authors"][0]["name"] == "صوفيا نواب"
    assert [author["id"] for author in english["authors"]] == [english_bio.pk]
