"""
Search reads the entries stored with each Delivery API document (vectors on
PostgreSQL, an FTS5 table on SQLite): a body-only match ranks between a
headline and a byline, ties come newest first, and nothing readers may not
see is found.
"""

import datetime
import io

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from cms.publishing.models import DeliveryDocument
from search.entries import remove_search_entries
from search.query import search_articles
from search.stored import fts_query
from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs

from .conftest import when


def remove_all_entries():
    DeliveryDocument.objects.update(search_vector=None, rank_vector=None)
    remove_search_entries(DeliveryDocument.objects.values_list("pk", flat=True))


def ids(results):
    return [page.pk for page in results]


@pytest.fixture
def stories(newsroom, rebuild):
    reporter = AuthorPageFactory(parent=newsroom.authors, title="Omar Aziz")
    long_body = paragraphs(
        *["Markets opened quietly and traders waited for news."] * 30,
        "Late in the day the word embargo was finally spoken.",
    )
    pages = {
        "headline": ArticlePageFactory(
            parent=newsroom.news, title="Embargo lifted", display_date=when(1)
        ),
        "deep_body_old": ArticlePageFactory(
            parent=newsroom.news,
            title="A slow day on the exchange",
            body=long_body,
            display_date=when(2),
        ),
        "deep_body_new": ArticlePageFactory(
            parent=newsroom.news,
            title="Another slow day",
            body=long_body,
            display_date=when(5),
        ),
        "byline": ArticlePageFactory(
            parent=newsroom.news,
            title="Wheat harvest",
            authors=[reporter],
            display_date=when(9),
        ),
    }
    rebuild()
    return pages


def test_body_only_matches_rank_between_headline_and_byline(stories):
    found = ids(search_articles("embargo"))

    assert found[0] == stories["headline"].pk
    assert set(found[1:3]) == {stories["deep_body_old"].pk, stories["deep_body_new"].pk}


def test_equal_matches_come_newest_first(stories):
    found = ids(search_articles("embargo"))

    assert found[1:3] == [stories["deep_body_new"].pk, stories["deep_body_old"].pk]


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason=(
        "SQLite's bm25 divides by each column's length: one mention deep in a "
        "long story weighs less there than a short byline"
    ),
)
def test_a_byline_match_ranks_below_a_body_mention(stories, newsroom, rebuild):
    writer = AuthorPageFactory(parent=newsroom.authors, title="Embargo Smith")
    by_writer = ArticlePageFactory(
        parent=newsroom.news, title="Fishing season", authors=[writer]
    )
    rebuild()

    found = ids(search_articles("embargo"))

    assert found[-1] == by_writer.pk


def test_an_expired_story_is_not_found_before_the_scheduler_runs(stories):
    DeliveryDocument.objects.filter(pk=stories["headline"].pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )

    assert stories["headline"].pk not in ids(search_articles("embargo"))


def test_a_page_without_a_document_is_not_found(stories):
    DeliveryDocument.objects.filter(pk=stories["headline"].pk).delete()

    assert stories["headline"].pk not in ids(search_articles("embargo"))


def test_update_search_entries_fills_documents_stored_before_entries(stories):
    remove_all_entries()
    assert ids(search_articles("embargo")) == []

    call_command("update_search_entries", stdout=io.StringIO())

    assert len(ids(search_articles("embargo"))) == 3


@pytest.mark.parametrize(
    ("typed", "fts"),
    [
        ("ceasefire", '"ceasefire"'),
        ('"border crossing" sunday', '"border crossing" "sunday"'),
        ("war OR peace NOT -aid*", '"war" "OR" "peace" "NOT" "aid"'),
        ('Damascus: "unclosed', '"Damascus" "unclosed"'),
        ('""', ""),
    ],
)
def test_sqlite_queries_quote_every_word_so_nothing_typed_is_an_operator(typed, fts):
    assert fts_query(typed) == fts


def test_operator_words_are_searched_as_words(stories):
    assert ids(search_articles("embargo OR nothing")) == []
    assert ids(search_articles('embargo NEAR "lifted"')) == []


def test_snippets_quote_the_stored_text_without_parsing_bodies(
    client, stories, monkeypatch
):
    from wagtail.blocks import RichTextBlock

    def parsed(*args, **kwargs):
        pytest.fail("a search result parsed an article body")

    monkeypatch.setattr(RichTextBlock, "get_searchable_content", parsed)

    hits = client.get("/api/v1/search/", {"q": "embargo"}).json()["results"]

    deep = next(hit for hit in hits if hit["id"] == stories["deep_body_new"].pk)
    assert "<mark>embargo</mark> was finally spoken" in deep["snippet"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="an index for SQLite's lookups only"
)
@pytest.mark.parametrize("locale", [None, "en-gb"])
def test_sqlite_ranks_the_matches_without_reading_document_rows(stories, locale):
    from search.stored import SQLiteResults

    sql, params = SQLiteResults("article", "embargo", locale=locale)._ranked()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        plan = " ".join(row[-1] for row in cursor.fetchall())

    assert "COVERING INDEX delivery_search_match" in plan
