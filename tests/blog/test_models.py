from http import HTTPStatus

import pytest
from django.core.exceptions import ValidationError
from wagtail.models import Page

from blog.models import ArticleIndexPage, ArticlePage, AuthorIndexPage, AuthorPage
from home.models import HomePage
from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs

pytestmark = pytest.mark.django_db


def test_articles_may_live_only_under_article_indexes():
    assert ArticlePage.can_create_at(ArticleIndexPage())
    assert not ArticlePage.can_create_at(HomePage())
    assert not ArticlePage.can_create_at(AuthorIndexPage())
    assert not ArticlePage.can_create_at(Page())


def test_authors_may_live_only_under_the_authors_index():
    assert AuthorPage.can_create_at(AuthorIndexPage())
    assert not AuthorPage.can_create_at(ArticleIndexPage())
    assert not AuthorPage.can_create_at(HomePage())


def test_sections_may_live_only_under_the_home_page():
    assert ArticleIndexPage.can_create_at(HomePage())
    assert AuthorIndexPage.can_create_at(HomePage())
    assert not ArticleIndexPage.can_create_at(ArticleIndexPage())
    assert ArticlePage.allowed_subpage_models() == []
    assert AuthorPage.allowed_subpage_models() == []


def test_word_count_and_reading_time_follow_the_body(newsroom):
    words = " ".join(["word"] * 460)
    article = ArticlePageFactory(
        parent=newsroom.news, body=paragraphs(words, "two more")
    )
    assert article.word_count == 462
    assert article.reading_time == 3


def test_word_count_is_refreshed_by_every_revision(newsroom):
    article = ArticlePageFactory(parent=newsroom.news, body=paragraphs("one two three"))
    article.body = paragraphs("one two three four five")
    revision = article.save_revision()
    assert revision.as_object().word_count == 5


def test_an_empty_article_still_takes_a_minute_to_read(newsroom):
    article = ArticlePageFactory(parent=newsroom.news, body=[])
    assert article.word_count == 0
    assert article.reading_time == 1


def test_byline_keeps_the_editorial_order_of_authors(newsroom):
    first = AuthorPageFactory(parent=newsroom.authors, title="Zara First")
    second = AuthorPageFactory(parent=newsroom.authors, title="Adam Second")
    article = ArticlePageFactory(parent=newsroom.news, authors=[first, second])
    assert [
        author.title for author in ArticlePage.objects.get(pk=article.pk).authors
    ] == [
        "Zara First",
        "Adam Second",
    ]


def test_source_url_must_be_a_url(newsroom):
    article = ArticlePageFactory(parent=newsroom.news)
    article.source_url = "not a url"
    with pytest.raises(ValidationError) as error:
        article.full_clean()
    assert "source_url" in error.value.message_dict


def test_author_page_lists_only_live_articles_newest_first(newsroom, client):
    author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    older = ArticlePageFactory(
        parent=newsroom.news, title="Older story", authors=[author]
    )
    newer = ArticlePageFactory(
        parent=newsroom.news, title="Newer story", authors=[author]
    )
    ArticlePageFactory(
        parent=newsroom.news, title="Unpublished draft", authors=[author], live=False
    )
    ArticlePageFactory(parent=newsroom.news, title="Someone else's story")

    assert list(author.live_articles()) == [newer.specific, older.specific]
    response = client.get(author.url)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "Newer story" in html
    assert "Older story" in html
    assert html.index("Newer story") < html.index("Older story")
    assert "Unpublished draft" not in html
    assert "Someone else" not in html


def test_author_page_paginates_its_articles(newsroom, client):
    author = AuthorPageFactory(parent=newsroom.authors)
    for number in range(AuthorPage.articles_per_page + 2):
        ArticlePageFactory(
            parent=newsroom.news, title=f"Story {number:02d}", authors=[author]
        )
    first = client.get(author.url).content.decode()
    second = client.get(author.url, {"page": 2}).content.decode()
    bad = client.get(author.url, {"page": "abc"})
    assert first.count('class="card"') == AuthorPage.articles_per_page
    assert second.count('class="card"') == 2
    assert bad.status_code == HTTPStatus.OK


def test_author_bio_never_shows_the_linked_accounts_email(newsroom, client, writer):
    author = AuthorPageFactory(parent=newsroom.authors, user=writer)
    html = client.get(author.url).content.decode()
    assert writer.email not in html
