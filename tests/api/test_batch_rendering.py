"""
Re-rendering many articles at once reads their shared parts once: an
author's edit re-renders every article in their byline without reading the
same portrait and byline for each, and gives the same documents as
rendering each article alone.
"""

import json

from django.db import connection
from django.test.utils import CaptureQueriesContext

from cms.publishing.documents import refresh_pages
from cms.publishing.images import image_document
from cms.publishing.models import DeliveryDocument
from cms.publishing.representations import article_document
from cms.publishing.reuse import rendering_in_batch
from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory


def _articles(newsroom, count):
    portrait = ImageFactory(title="Portrait")
    hero = ImageFactory(title="Hero")
    author = AuthorPageFactory(parent=newsroom.authors, photo=portrait)
    return [
        ArticlePageFactory(parent=newsroom.news, authors=[author], hero_image=hero)
        for _ in range(count)
    ]


def _byline_reads(queries):
    return [
        query
        for query in queries.captured_queries
        if "blog_authorpage" in query["sql"]
        and query["sql"].lstrip().upper().startswith("SELECT")
    ]


def test_refreshing_an_authors_articles_reads_the_byline_once(newsroom):
    articles = _articles(newsroom, 5)
    with CaptureQueriesContext(connection) as one:
        refresh_pages([articles[0].pk])

    with CaptureQueriesContext(connection) as five:
        refresh_pages([article.pk for article in articles])

    # The author's bio (and its edition) is read for the first article only.
    assert _byline_reads(one)
    assert len(_byline_reads(five)) == len(_byline_reads(one))


def test_a_batch_renders_the_same_documents_as_one_at_a_time(newsroom):
    articles = _articles(newsroom, 3)
    alone = [json.dumps(article_document(article)) for article in articles]

    with rendering_in_batch():
        together = [json.dumps(article_document(article)) for article in articles]

    assert together == alone


def test_a_document_changed_in_a_batch_leaves_the_next_copy_untouched(newsroom):
    image = ImageFactory(title="Shared")

    with rendering_in_batch():
        first = image_document(image)
        first["renditions"].clear()
        first["title"] = "changed by a caller"
        second = image_document(image)

    assert second["title"] == "Shared"
    assert second["renditions"]


def test_outside_a_batch_an_edited_image_is_read_afresh(newsroom):
    image = ImageFactory(title="Before", credit="Agency")
    with rendering_in_batch():
        image_document(image)

    image.credit = "Newsroom photo desk"
    image.save()

    assert image_document(image)["credit"] == "Newsroom photo desk"


def test_refreshed_documents_match_a_fresh_render(newsroom):
    articles = _articles(newsroom, 3)

    refresh_pages([article.pk for article in articles])

    for article in articles:
        stored = DeliveryDocument.objects.get(page_id=article.pk)
        assert json.loads(stored.detail) == json.loads(
            json.dumps(article_document(article), default=str)
        )
