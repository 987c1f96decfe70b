"""
The index follows publishing: what is unpublished disappears, what is
published appears, once the change has committed (as a real request's does).
"""

from http import HTTPStatus

from search.query import search_articles
from tests.factories import ArticlePageFactory, AuthorPageFactory


def found(query):
    return [page.pk for page in search_articles(query)]


def test_unpublished_article_disappears_from_search(client, newsroom, rebuild, publish):
    article = ArticlePageFactory(parent=newsroom.news, title="Flooding in Basra")
    rebuild()
    assert found("basra") == [article.pk]

    with publish():
        article.unpublish()

    assert found("basra") == []
    assert client.get("/api/v1/search/", {"q": "basra"}).json()["count"] == 0


def test_newly_published_article_appears_in_search(newsroom, editor, publish):
    draft = ArticlePageFactory(
        parent=newsroom.news, title="Mosul rebuilds its library", live=False
    )
    assert found("mosul") == []

    with publish():
        draft.get_latest_revision().publish(user=editor)

    assert found("mosul") == [draft.pk]


def test_published_edit_replaces_the_old_words(newsroom, editor, rebuild, publish):
    article = ArticlePageFactory(parent=newsroom.news, title="Storm hits Aden")
    rebuild()

    with publish():
        article.title = "Cyclone hits Aden"
        article.save_revision(user=editor).publish(user=editor)

    assert found("cyclone") == [article.pk]
    assert found("storm") == []


def test_draft_edit_leaves_the_published_words_searchable(
    newsroom, editor, rebuild, publish
):
    article = ArticlePageFactory(parent=newsroom.news, title="Dust storm in Riyadh")
    rebuild()

    with publish():
        article.title = "Secret draft headline"
        article.save_revision(user=editor)

    assert found("riyadh") == [article.pk]
    assert found("secret") == []


def test_renamed_author_is_found_by_the_new_name(
    client, newsroom, editor, rebuild, publish
):
    author = AuthorPageFactory(parent=newsroom.authors, title="Lina Saleh")
    article = ArticlePageFactory(
        parent=newsroom.news, title="Port strike ends", authors=[author]
    )
    rebuild()

    with publish():
        author.title = "Lina Saleh-Omar"
        author.save_revision(user=editor).publish(user=editor)

    assert found("omar") == [article.pk]
    response = client.get("/api/v1/search/", {"q": "omar"})
    assert response.status_code == HTTPStatus.OK
    assert [hit["id"] for hit in response.json()["results"]] == [
        author.pk,
        article.pk,
    ]
