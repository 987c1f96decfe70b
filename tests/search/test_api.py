"""The Delivery API's search endpoint: filters, prefix mode, paging, cost."""

from http import HTTPStatus

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory

URL = "/api/v1/search/"
# One statement for the authors' page of results with its total, and for the
# articles' one, or on PostgreSQL up to three, each reading a wider slice of
# the archive (search.stored.Scope): each hit is read from its stored document.
MAX_SEARCH_QUERIES = 4


def search(client, **params):
    response = client.get(URL, params)
    assert response.status_code == HTTPStatus.OK, response.content
    return response.json()


def titles(body):
    return [hit["title"] for hit in body["results"]]


def test_author_comes_before_their_articles(client, corpus):
    body = search(client, q="nawab")

    assert body["results"][0] == {
        **body["results"][0],
        "type": "author",
        "title": "Sofia Nawab",
    }
    assert {hit["type"] for hit in body["results"][1:]} == {"article"}
    assert body["count"] == 1 + 4


def test_snippet_marks_the_matching_words_in_the_story(client, corpus):
    hit = search(client, q="wells dry")["results"][0]

    assert hit["title"] == "Drought grips the Euphrates valley"
    assert "<mark>Wells</mark> have run <mark>dry</mark>" in hit["snippet"]


def test_topic_filter_keeps_only_articles_filed_under_it(client, corpus):
    body = search(client, q="nawab", topic="syria")

    assert body["count"] == 3
    assert set(titles(body)) == {
        "Talks resume in Geneva",
        "Gulf States Weigh the Cost of Normalisation with Damascus",
        "A family business survives the war",
    }


def test_topic_filter_repeats_for_and_and_takes_commas_for_or(client, corpus):
    both = search(client, q="nawab", topic=["syria", "diplomacy"])
    either = search(client, q="ceasefire", topic="diplomacy,iraq")

    assert titles(both) == ["Talks resume in Geneva"]
    assert either["count"] == 2


def test_author_filter_by_slug_or_id(client, corpus):
    by_slug = search(client, q="syria", author="karim-haddad")
    by_id = search(client, q="syria", author=str(corpus["karim"].pk))

    assert titles(by_slug) == ["Drought grips the Euphrates valley"]
    assert by_id["results"] == by_slug["results"]


def test_date_range_filter_uses_the_display_date(client, corpus):
    body = search(
        client,
        q="nawab",
        published_after="2025-03-04",
        published_before="2025-03-08",
    )

    assert set(titles(body)) == {
        "Parliament sets a date",
        "Gulf States Weigh the Cost of Normalisation with Damascus",
    }


def test_prefix_mode_finds_words_being_typed(client, corpus):
    body = search(client, q="damas", prefix="true")

    assert titles(body) == ["Gulf States Weigh the Cost of Normalisation with Damascus"]
    assert "<mark>Damascus</mark>" in body["results"][0]["snippet"]
    assert search(client, q="damas")["count"] == 0


def test_pages_walk_authors_then_articles_without_gaps(client, corpus):
    everything = search(client, q="nawab", limit=100)
    walked = []
    body = search(client, q="nawab", limit=2)
    while True:
        walked.extend((hit["type"], hit["id"]) for hit in body["results"])
        assert body["count"] == everything["count"]
        if not body["next"]:
            break
        body = client.get(body["next"]).json()

    assert walked == [(hit["type"], hit["id"]) for hit in everything["results"]]
    assert body["previous"]


def test_next_link_keeps_every_filter(client, corpus):
    body = search(client, q="syria", topic="syria,uae", author="sofia-nawab", limit=1)

    assert body["count"] == 3
    assert body["next"].endswith(
        "/api/v1/search/?q=syria&author=sofia-nawab&topic=syria%2Cuae&limit=1&offset=1"
    )


@pytest.mark.parametrize(
    ("params", "name"),
    [
        ({"q": '""'}, "q"),
        ({"q": "syria", "published_after": "last week"}, "published_after"),
        (
            {
                "q": "syria",
                "published_after": "2025-03-09",
                "published_before": "2025-03-01",
            },
            "published_after",
        ),
        ({"q": "syria", "limit": "0"}, "limit"),
        ({"q": "syria", "prefix": "maybe"}, "prefix"),
    ],
)
def test_bad_search_parameters_are_a_problem_document(client, db, params, name):
    response = client.get(URL, params)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/problem+json"
    assert name in [param["name"] for param in response.json()["invalid_params"]]


def test_query_count_does_not_grow_with_results(
    client, newsroom, settings, rebuild, django_assert_max_num_queries
):
    """One result or twenty-five: the same handful of queries (no cache here)."""
    settings.API_RESPONSE_CACHE = False
    ArticlePageFactory(parent=newsroom.news, title="Harbour 0")
    rebuild()
    search(client, q="harbour")  # warms the site root paths, as any request would
    with CaptureQueriesContext(connection) as one_result:
        assert search(client, q="harbour", limit=100)["count"] == 1
    # Read now: every request resets the connection's query log, which the
    # captured list is a window onto.
    queries_for_one = len(one_result)
    for number in range(1, 25):
        ArticlePageFactory(parent=newsroom.news, title=f"Harbour {number}")
    rebuild()

    with django_assert_max_num_queries(queries_for_one):
        body = search(client, q="harbour", limit=100)

    assert len(body["results"]) == body["count"] == 25
    assert 0 < queries_for_one <= MAX_SEARCH_QUERIES


def test_hits_are_read_from_documents_without_loading_pages(client, corpus, settings):
    settings.API_RESPONSE_CACHE = False
    with CaptureQueriesContext(connection) as queries:
        body = search(client, q="nawab")

    assert body["count"] == 5
    assert not [q["sql"] for q in queries if "wagtailcore_page" in q["sql"]]


def test_hits_link_where_the_article_and_author_documents_do(client, corpus):
    hits = search(client, q="nawab", limit=100)["results"]
    articles = client.get("/api/v1/articles/", {"limit": 100}).json()["results"]
    author = client.get(f"/api/v1/authors/{corpus['sofia'].pk}/").json()
    listed = {item["id"]: item for item in articles}

    assert (hits[0]["path"], hits[0]["url"]) == (author["path"], author["url"])
    for hit in hits[1:]:
        document = listed[hit["id"]]
        assert (hit["title"], hit["path"], hit["url"]) == (
            document["title"],
            document["path"],
            document["url"],
        )


def test_author_snippet_quotes_name_role_and_short_bio(client, corpus):
    hit = search(client, q="karim")["results"][0]

    assert hit["snippet"] == (
        "<mark>Karim</mark> Haddad. Correspondent. Reports from Beirut."
    )


def test_a_page_past_the_end_still_counts_every_result(client, corpus):
    body = search(client, q="nawab", offset=50)

    assert body["results"] == []
    assert body["count"] == 5
    assert body["previous"]


def test_published_before_a_bare_date_includes_that_whole_day():
    from cms.publishing.filters import parse_when

    end = parse_when("published_before", "2025-03-08", end_of_day=True)
    start = parse_when("published_after", "2025-03-08")

    assert (end.date().isoformat(), end.hour, end.minute) == ("2025-03-08", 23, 59)
    assert (start.hour, start.minute) == (0, 0)


@pytest.mark.parametrize(
    "q",
    [
        "-",
        "'",
        "*",
        ":",
        "&",
        "(",
        "!",
        "a",
        "the",
        "o'brien",
        "x:y",
        "'quoted'",
        '"unclosed',
        "don't stop",
        "a - b",
        "c++",
        "\\",
        "50%",
        "نواب",
        "naïve",
    ],
)
def test_odd_query_text_is_answered_never_a_server_error(client, newsroom, q):
    response = client.get(URL, {"q": q})
    prefixed = client.get(URL, {"q": q, "prefix": "true"})

    assert response.status_code in {HTTPStatus.OK, HTTPStatus.BAD_REQUEST}
    assert prefixed.status_code in {HTTPStatus.OK, HTTPStatus.BAD_REQUEST}
