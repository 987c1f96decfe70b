"""Reads cost a constant number of SQL queries, however many articles they return."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory

MAX_UNCACHED_QUERIES = 6


def _queries(client, url):
    from django.core.cache import cache

    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_list_of_10_or_100_articles_costs_the_same_queries(
    client, newsroom, rebuild, django_assert_max_num_queries
):
    author = AuthorPageFactory(parent=newsroom.authors, photo=ImageFactory())
    hero = ImageFactory()
    for number in range(100):
        ArticlePageFactory(
            parent=newsroom.news,
            title=f"Story {number}",
            authors=[author],
            topics=["Syria"],
            hero_image=hero,
        )
    rebuild()

    ten = _queries(client, "/api/v1/articles/?limit=10")
    hundred = _queries(client, "/api/v1/articles/?limit=100")
    filtered = _queries(
        client, f"/api/v1/articles/?limit=100&author={author.pk}&topic=syria"
    )
    author_detail = _queries(client, f"/api/v1/authors/{author.pk}/")

    assert ten == hundred
    assert max(ten, hundred, filtered, author_detail) <= MAX_UNCACHED_QUERIES
    with django_assert_max_num_queries(MAX_UNCACHED_QUERIES):
        client.get(
            "/api/v1/articles/?limit=100&cursor="
            + client.get("/api/v1/articles/?limit=50").json()["next_cursor"]
        )
