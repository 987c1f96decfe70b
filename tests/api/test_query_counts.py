"""Reads cost a constant number of SQL queries, however many articles they return."""

from http import HTTPStatus
from urllib.parse import quote

from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.publishing.models import DeliveryDocument
from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory

MAX_UNCACHED_QUERIES = 6


def _queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return len(queries), len(response.json().get("results", ()))


def _fill_to(count):
    """
    More stored documents like the first one. Reads only ever touch the
    stored documents, so copies measure the read path as real pages would,
    without publishing a hundred pages in a test.
    """
    articles = DeliveryDocument.objects.filter(page_type="article")
    template = articles.order_by("page_id").first()
    start = DeliveryDocument.objects.order_by("-page_id").first().page_id + 1
    existing = articles.count()
    copies = []
    for page_id in range(start, start + count - existing):
        template.page_id = page_id
        template.live_path = f"/news/copy-{page_id}/"
        template.slug = f"copy-{page_id}"
        copies.append(
            DeliveryDocument(
                **{
                    field.attname: getattr(template, field.attname)
                    for field in DeliveryDocument._meta.concrete_fields
                }
            )
        )
    DeliveryDocument.objects.bulk_create(copies)


def test_list_of_10_or_100_articles_costs_the_same_queries(client, newsroom, rebuild):
    author = AuthorPageFactory(parent=newsroom.authors, photo=ImageFactory())
    hero = ImageFactory()
    for number in range(12):
        ArticlePageFactory(
            parent=newsroom.news,
            title=f"Story {number}",
            authors=[author],
            topics=["Syria"],
            hero_image=hero,
        )
    rebuild()
    filtered = f"/api/v1/articles/?author={author.pk}&topic=syria&section=news"
    few_filtered = _queries(client, filtered + "&limit=2")
    all_filtered = _queries(client, filtered + "&limit=12")
    author_detail = _queries(client, f"/api/v1/authors/{author.pk}/")
    _fill_to(100)

    ten = _queries(client, "/api/v1/articles/?limit=10")
    hundred = _queries(client, "/api/v1/articles/?limit=100")
    cursor = client.get("/api/v1/articles/?limit=50").json()["next_cursor"]
    by_cursor = _queries(client, f"/api/v1/articles/?limit=50&cursor={quote(cursor)}")

    assert (ten[1], hundred[1], by_cursor[1]) == (10, 100, 50)
    assert ten[0] == hundred[0]
    assert (few_filtered[1], all_filtered[1]) == (2, 12)
    assert few_filtered[0] == all_filtered[0]
    assert max(ten[0], hundred[0], by_cursor[0], all_filtered[0], author_detail[0]) <= (
        MAX_UNCACHED_QUERIES
    )
