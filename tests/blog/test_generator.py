"""The benchmark data generator leaves the same pages a publish would, and only once."""

from http import HTTPStatus

import pytest
from django.core.management import call_command
from wagtail.models import Locale, Page

from blog.models import ArticleIndexPage, ArticlePage, AuthorPage
from cms.devtools.generator import generate
from cms.publishing.models import DeliveryDocument

ARTICLES = 30
AUTHORS = 5


@pytest.fixture
def generated(db):
    return generate(
        articles=ARTICLES, authors=AUTHORS, topics=8, batch_size=12, images=2
    )


def test_generated_articles_are_live_with_a_published_revision(generated):
    articles = ArticlePage.objects.live().public()
    assert generated.articles_created == ARTICLES
    assert articles.count() == ARTICLES
    assert AuthorPage.objects.live().count() == AUTHORS
    for article in articles:
        assert article.live_revision_id == article.latest_revision_id
        assert not article.has_unpublished_changes
        assert article.first_published_at is not None
        assert 1 <= article.article_authors.count() <= 3
        assert 1 <= article.topics.count() <= 4
        assert article.word_count > 50


def test_generated_tree_passes_wagtail_tree_checks(generated):
    assert Page.find_problems() == ([], [], [], [], [])
    news = ArticleIndexPage.objects.get()
    assert news.numchild == ARTICLES == news.get_children().count()
    paths = list(news.get_children().values_list("url_path", flat=True))
    assert len(set(paths)) == ARTICLES
    assert all(path.startswith(news.url_path) for path in paths)


def test_revision_of_a_generated_article_restores_byline_topics_and_body(generated):
    article = ArticlePage.objects.live().order_by("path").last()
    restored = article.live_revision.as_object()
    assert restored.title == article.title
    assert [link.author_id for link in restored.article_authors.all()] == [
        link.author_id for link in article.article_authors.all()
    ]
    assert {tag.tag_id for tag in restored.tagged_topics.all()} == {
        tag.tag_id for tag in article.tagged_topics.all()
    }
    assert [block.block_type for block in restored.body] == [
        block.block_type for block in article.body
    ]


def test_delivery_api_serves_generated_articles(generated, client):
    assert DeliveryDocument.objects.filter(page_type="article").count() == ARTICLES
    listing = client.get("/api/v1/articles/?limit=100")
    assert listing.status_code == HTTPStatus.OK
    assert listing.json()["count"] == ARTICLES
    article = ArticlePage.objects.live().first()
    detail = client.get(f"/api/v1/articles/{article.pk}/")
    assert detail.status_code == HTTPStatus.OK
    body = detail.json()
    assert body["title"] == article.title
    assert body["authors"]
    assert body["hero_image"] is None or body["hero_image"]["renditions"]
    assert {block["type"] for block in body["body"]} >= {"paragraph", "heading"}


def test_generated_articles_are_found_by_search(generated, client):
    article = ArticlePage.objects.live().first()
    word = article.title.split()[-1]
    response = client.get("/api/v1/search/", {"q": word})
    assert response.status_code == HTTPStatus.OK
    assert article.pk in {hit["id"] for hit in response.json()["results"]}


def test_editor_sees_generated_articles_in_the_admin(generated, administrator, client):
    client.force_login(administrator)
    news = ArticleIndexPage.objects.get()
    response = client.get(f"/admin/pages/{news.pk}/")
    assert response.status_code == HTTPStatus.OK
    newest = news.get_children().live().order_by("-latest_revision_created_at")[0]
    assert newest.title in response.content.decode()
    edit = client.get(f"/admin/pages/{newest.pk}/edit/")
    assert edit.status_code == HTTPStatus.OK


def test_second_run_of_the_same_size_reuses_the_data_set(generated):
    ids = set(ArticlePage.objects.values_list("pk", flat=True))
    again = generate(articles=ARTICLES, authors=AUTHORS, topics=8, images=2)
    assert again.reused
    assert again.articles_before == ARTICLES
    assert set(ArticlePage.objects.values_list("pk", flat=True)) == ids


def test_larger_run_adds_only_the_missing_articles(generated):
    first = list(ArticlePage.objects.order_by("path").values_list("pk", "title"))
    more = generate(articles=ARTICLES + 7, authors=AUTHORS, topics=8, images=2)
    assert more.articles_created == 7
    assert more.authors_created == 0
    assert (
        list(ArticlePage.objects.order_by("path").values_list("pk", "title")[:ARTICLES])
        == first
    )
    assert Page.find_problems() == ([], [], [], [], [])
    assert DeliveryDocument.objects.filter(page_type="article").count() == ARTICLES + 7


def test_command_says_when_it_reuses_the_data_set(generated, capsys):
    call_command(
        "generate_articles",
        articles=ARTICLES,
        authors=AUTHORS,
        topics=8,
        images=2,
        no_progress=True,
    )
    assert "Reusing the existing data set: 30 articles" in capsys.readouterr().out


@pytest.fixture
def generated_with_translations(db):
    return generate(
        articles=ARTICLES,
        authors=AUTHORS,
        topics=8,
        batch_size=4,
        images=2,
        translated=0.2,
    )


def test_a_share_of_generated_articles_has_its_arabic_translation(
    generated_with_translations, client
):
    assert generated_with_translations.translations_created == ARTICLES // 5
    arabic = ArticlePage.objects.filter(locale__language_code="ar")
    assert arabic.count() == ARTICLES // 5
    assert Page.find_problems() == ([], [], [], [], [])
    translation = arabic.order_by("path").first()
    source = translation.get_translation(Locale.get_default())
    assert translation.slug == source.slug
    assert translation.display_date == source.display_date
    assert [link.author_id for link in translation.article_authors.all()] == [
        link.author_id for link in source.article_authors.all()
    ]
    english = client.get("/api/v1/articles/", {"limit": 100}).json()
    assert english["count"] == ARTICLES
    listing = client.get("/api/v1/articles/", {"locale": "ar", "limit": 100}).json()
    assert listing["count"] == ARTICLES // 5
    detail = client.get(f"/api/v1/articles/{translation.pk}/").json()
    assert detail["title"] == translation.title
    assert [link["locale"] for link in detail["translations"]] == ["en-gb"]


def test_generated_translations_are_found_by_arabic_search(
    generated_with_translations, client
):
    translation = ArticlePage.objects.filter(locale__language_code="ar").first()
    word = translation.title.split()[0]
    found = client.get("/api/v1/search/", {"q": word, "locale": "ar"}).json()
    assert translation.pk in {hit["id"] for hit in found["results"]}


def test_second_run_makes_no_more_translations(generated_with_translations):
    again = generate(
        articles=ARTICLES, authors=AUTHORS, topics=8, images=2, translated=0.2
    )
    assert again.reused
    assert ArticlePage.objects.filter(locale__language_code="ar").count() == (
        ARTICLES // 5
    )
