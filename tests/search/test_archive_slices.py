"""
The ranking window is read from slices of the newest stories (on PostgreSQL,
``search.stored.Scope``): a word in most stories is settled by the first
slice, a rarer one by a wider slice, and a word only in old stories is
gathered from the whole archive. Whichever settles it, the answer is the
one the whole archive gives: the newest matches ranked, every older match
after them, none lost or repeated.

The window is two stories and the page one result here, so each search
needs three matches: slices of 6 and 24 of the 40 stories.
"""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory, paragraphs

from .test_ranking_window import URL, ids, search

STORIES = 40
FIRST = datetime.datetime(2024, 1, 1, 9, tzinfo=datetime.UTC)


def story_day(number):
    return FIRST + datetime.timedelta(days=number)


@pytest.fixture
def archive(newsroom, rebuild, settings):
    """
    Forty stories a day apart, all about the harbour (only number 39 in its
    headline); nets are mended in numbers 20, 25 and 30, and the lighthouse
    is in the two oldest but one, 2 and 3.
    """
    settings.SEARCH_RANKING_WINDOW = 2
    settings.API_RESPONSE_CACHE = False
    mentions = {20: "nets", 25: "nets", 30: "nets", 2: "lighthouse", 3: "lighthouse"}
    stories = {}
    for number in range(1, STORIES + 1):
        extra = mentions.get(number)
        body = "The harbour master counted the boats."
        if extra == "nets":
            body += " Crews mended the nets."
        elif extra == "lighthouse":
            body += " The lighthouse keeper waved."
        stories[number] = ArticlePageFactory(
            parent=newsroom.news,
            title="Harbour reopens" if number == 39 else f"Day {number}",
            standfirst="Fishing boats return.",
            body=paragraphs(body),
            display_date=story_day(number),
        )
    rebuild()
    return stories


def pages_in_turn(client, query):
    """Every result, one page of one result at a time, following ``next``."""
    seen, url = [], f"{URL}?q={query}&limit=1"
    while url:
        body = client.get(url).json()
        seen += ids(body)
        url = body["next"]
    return seen


def numbers(stories, pks):
    by_pk = {page.pk: number for number, page in stories.items()}
    return [by_pk[pk] for pk in pks]


def test_a_word_in_every_story_ranks_the_newest_window_first(client, archive):
    body = search(client, q="harbour", limit=1)

    # 39 has the word in its headline, and is in the window (39 and 40).
    assert numbers(archive, ids(body)) == [39]
    assert (body["count"], body["count_exact"]) == (2, False)


def test_a_rarer_word_reads_every_match_once_in_order(client, archive):
    assert numbers(archive, pages_in_turn(client, "nets")) == [30, 25, 20]


def test_a_word_only_in_old_stories_is_still_found(client, archive):
    body = search(client, q="lighthouse", limit=1)

    assert numbers(archive, ids(body)) == [3]
    assert numbers(archive, pages_in_turn(client, "lighthouse")) == [3, 2]


def _article_statements(client, query):
    with CaptureQueriesContext(connection) as queries:
        search(client, q=query, limit=1)
    return [
        query["sql"]
        for query in queries
        if "search_vector @@" in query["sql"] and "'article'" in query["sql"]
    ]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="the slices are PostgreSQL's"
)
@pytest.mark.parametrize(
    ("query", "statements"), [("harbour", 1), ("nets", 2), ("lighthouse", 3)]
)
def test_each_slice_is_read_only_when_the_one_before_held_too_few(
    client, archive, query, statements
):
    assert len(_article_statements(client, query)) == statements
