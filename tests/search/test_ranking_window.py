"""
Search ranks the newest matches and lists the older ones after them, so that
a word in most of the archive costs what a rare one does; no older story is
hidden from a reader who pages on, gives dates, or asks for every match to
be ranked. The window is three stories here (a newsroom's is 1,000).
"""

from http import HTTPStatus

import pytest

from tests.factories import ArticlePageFactory, paragraphs

from .conftest import when

URL = "/api/v1/search/"
WINDOW = 3


@pytest.fixture
def harbour(newsroom, rebuild, settings):
    """
    Six stories mentioning the harbour, one a day: the oldest (a) and the
    fourth (d) have it in their headline, the others only in their body; only
    the oldest mentions the lighthouse.
    """
    settings.SEARCH_RANKING_WINDOW = WINDOW
    settings.API_RESPONSE_CACHE = False
    bodies = {
        "a": "The lighthouse keeper remembers everything.",
        "d": "Crews mended the nets.",
    }
    stories = {}
    for day, name in enumerate("abcdef", start=1):
        in_headline = name in bodies
        stories[name] = ArticlePageFactory(
            parent=newsroom.news,
            title=f"Harbour reopens, day {day}" if in_headline else f"Day {day}",
            standfirst="Fishing boats return.",
            body=paragraphs(bodies.get(name, "The harbour master counted the boats.")),
            display_date=when(day),
        )
    rebuild()
    return stories


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()


def ids(body):
    return [hit["id"] for hit in body["results"]]


def pks(stories, names):
    return [stories[name].pk for name in names]


def test_the_newest_matches_are_ranked_and_older_ones_follow_newest_first(
    client, harbour
):
    body = search(client, q="harbour")

    # d, e and f are the newest three: d's headline puts it first; then c, b
    # and the oldest, a, whose headline match is older than the window.
    assert ids(body) == pks(harbour, "dfecba")
    assert (body["count"], body["count_exact"]) == (6, True)


def test_every_match_is_ranked_when_asked(client, harbour):
    body = search(client, q="harbour", order="relevance_all")

    assert ids(body) == pks(harbour, "dafecb")
    assert body["count_exact"] is True


def test_dates_rank_every_match_within_them(client, harbour):
    body = search(client, q="harbour", published_before="2025-03-03")

    assert ids(body) == pks(harbour, "acb")
    assert (body["count"], body["count_exact"]) == (3, True)


def test_date_orders_list_newest_or_oldest_first(client, harbour):
    assert ids(search(client, q="harbour", order="-date")) == pks(harbour, "fedcba")
    assert ids(search(client, q="harbour", order="date")) == pks(harbour, "abcdef")


def test_an_old_story_is_found_when_it_is_the_only_match(client, harbour):
    body = search(client, q="lighthouse")

    assert ids(body) == pks(harbour, "a")
    assert (body["count"], body["count_exact"]) == (1, True)


def test_a_common_word_is_counted_only_as_far_as_the_page_reads(client, harbour):
    body = search(client, q="harbour", limit=2)

    assert ids(body) == pks(harbour, "df")
    assert (body["count"], body["count_exact"]) == (WINDOW, False)
    assert "offset=2" in body["next"]


def test_following_next_links_reaches_every_match_once(
    client, harbour, django_assert_max_num_queries
):
    seen = []
    url = f"{URL}?q=harbour&limit=2"
    search(client, q="harbour")  # warms the site root paths, as any request would
    while url:
        # However deep: the authors' page (and, past it, their count), then
        # the articles' page with its total (on PostgreSQL up to three
        # statements, one for each wider slice of the archive).
        with django_assert_max_num_queries(5):
            response = client.get(url)
        body = response.json()
        seen += ids(body)
        url = body["next"]

    assert seen == pks(harbour, "dfecba")
    assert (body["count"], body["count_exact"]) == (6, True)


def test_next_links_keep_the_order(client, harbour):
    body = search(client, q="harbour", order="date", limit=2)

    assert "order=date" in body["next"]


def test_an_unknown_order_is_a_problem_document(client, db):
    response = client.get(URL, {"q": "harbour", "order": "popular"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["invalid_params"][0]["name"] == "order"


def test_site_search_pages_on_when_the_count_is_a_lower_bound(
    client, harbour, settings, monkeypatch
):
    settings.SEARCH_RANKING_WINDOW = 1
    monkeypatch.setattr("search.views.RESULTS_PER_PAGE", 2)

    first = client.get("/search/", {"query": "harbour"}).content.decode()
    last = client.get("/search/", {"query": "harbour", "page": 3}).content.decode()

    # Not every match was read for the first page: no number of pages, but
    # a next one.
    assert "Page 1<" in first
    assert 'rel="next"' in first
    # The last page read them all.
    assert "Page 3 of 3" in last
    assert 'rel="next"' not in last
