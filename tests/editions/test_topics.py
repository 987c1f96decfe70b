"""
Topics are named in each edition: editors give a topic its name in the other
editions in the admin, and readers of that edition meet that name in the API,
the site, search and feeds; where none is given, the topic's own name.
"""

from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import Locale

from blog.models import Topic, TopicName
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ARTICLES = "/api/v1/articles/"
SYRIA_AR = "سوريا"


@pytest.fixture
def syria(english_article, publish):
    with publish():
        topic = Topic.objects.create(name="Syria", slug="syria")
        english_article.topics.add(topic)
        english_article.save_revision().publish()
    return topic


@pytest.fixture
def named_in_arabic(syria, arabic, arabic_article, publish):
    with publish():
        arabic_article.topics.add(syria)
        arabic_article.save_revision().publish()
        TopicName.objects.create(topic=syria, locale=arabic, name=SYRIA_AR)
    return syria


def test_an_editor_names_a_topic_in_another_edition_in_the_admin(
    client, editor, syria, arabic
):
    assert client.login(username=editor.username, password=TEST_PASSWORD)
    url = reverse("wagtailsnippets_blog_topic:edit", args=[syria.pk])
    form = client.get(url)
    assert form.status_code == HTTPStatus.OK
    assert "Names in other editions" in form.content.decode()

    response = client.post(
        url,
        {
            "name": "Syria",
            "slug": "syria",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-MIN_NUM_FORMS": "0",
            "names-MAX_NUM_FORMS": "1000",
            "names-0-locale": arabic.pk,
            "names-0-name": SYRIA_AR,
            "names-0-ORDER": "1",
            "names-0-id": "",
            "names-0-DELETE": "",
        },
    )

    assert response.status_code == HTTPStatus.FOUND, response.content[:3000]
    assert syria.name_in(arabic.pk) == SYRIA_AR
    assert syria.name_in(Locale.get_default().pk) == "Syria"


def test_articles_name_their_topics_in_their_own_edition(
    client, english_article, arabic_article, named_in_arabic
):
    english = client.get(f"{ARTICLES}{english_article.pk}/").json()
    arabic = client.get(f"{ARTICLES}{arabic_article.pk}/").json()

    assert [topic["name"] for topic in english["topics"]] == ["Syria"]
    assert [topic["name"] for topic in arabic["topics"]] == [SYRIA_AR]
    assert arabic["topics"][0]["slug"] == "syria"
    assert "locale=ar" in arabic["topics"][0]["api_url"]


def test_renaming_a_topic_refreshes_the_articles_filed_under_it(
    client, arabic_article, named_in_arabic, publish
):
    with publish():
        name = named_in_arabic.names.get()
        name.name = "الجمهورية العربية السورية"
        name.save()

    arabic = client.get(f"{ARTICLES}{arabic_article.pk}/").json()
    assert [topic["name"] for topic in arabic["topics"]] == [
        "الجمهورية العربية السورية"
    ]


def test_the_topic_list_reads_one_edition_in_its_language(client, named_in_arabic):
    english = client.get("/api/v1/topics/").json()
    arabic = client.get("/api/v1/topics/", {"locale": "ar"}).json()

    assert [(t["name"], t["article_count"]) for t in english["results"]] == [
        ("Syria", 1)
    ]
    assert [(t["name"], t["slug"]) for t in arabic["results"]] == [(SYRIA_AR, "syria")]
    assert "locale=ar" in arabic["results"][0]["api_url"]


def test_a_topic_without_a_name_in_an_edition_keeps_its_own(
    client, syria, arabic_article, publish
):
    with publish():
        arabic_article.topics.add(syria)
        arabic_article.save_revision().publish()

    arabic = client.get(f"{ARTICLES}{arabic_article.pk}/").json()
    topics = client.get("/api/v1/topics/", {"locale": "ar"}).json()
    assert [topic["name"] for topic in arabic["topics"]] == ["Syria"]
    assert [topic["name"] for topic in topics["results"]] == ["Syria"]


def test_the_site_search_and_feeds_use_the_editions_topic_name(
    client, arabic_article, named_in_arabic
):
    page = client.get(arabic_article.url).content.decode()
    assert SYRIA_AR in page

    found = client.get("/api/v1/search/", {"q": SYRIA_AR, "locale": "ar"}).json()
    assert [result["id"] for result in found["results"]] == [arabic_article.pk]

    feed = client.get("/ar/feeds/articles.rss").content.decode()
    assert f"<category>{SYRIA_AR}</category>" in feed
    assert (
        "<category>Syria</category>"
        in client.get("/feeds/articles.rss").content.decode()
    )
