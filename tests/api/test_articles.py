"""Listing, filtering, ordering and paging articles through the Delivery API."""

import datetime
from http import HTTPStatus

import pytest
from django.utils import timezone

from tests.factories import ArticlePageFactory, AuthorPageFactory

LIST = "/api/v1/articles/"


def _dated(newsroom, title, days_ago, **kwargs):
    return ArticlePageFactory(
        parent=newsroom.news,
        title=title,
        display_date=timezone.now() - datetime.timedelta(days=days_ago),
        **kwargs,
    )


@pytest.fixture
def library(newsroom, rebuild):
    """Five articles on known dates, two authors, overlapping topics."""
    amal = AuthorPageFactory(parent=newsroom.authors, title="Amal", slug="amal")
    basil = AuthorPageFactory(parent=newsroom.authors, title="Basil", slug="basil")
    articles = {
        "echo": _dated(newsroom, "Echo", 1, authors=[amal], topics=["Syria", "Iraq"]),
        "delta": _dated(newsroom, "Delta", 2, authors=[basil], topics=["Syria"]),
        "charlie": _dated(
            newsroom, "Charlie", 3, authors=[amal, basil], topics=["Iran"]
        ),
        "bravo": _dated(newsroom, "Bravo", 4, authors=[basil], topics=["Iraq"]),
        "alpha": _dated(newsroom, "Alpha", 5, topics=["UAE"]),
    }
    rebuild()
    return articles, amal, basil


def titles(response):
    return [item["title"] for item in response.json()["results"]]


def test_article_list_is_newest_first(client, library):
    response = client.get(LIST)

    assert response.status_code == HTTPStatus.OK
    assert titles(response) == ["Echo", "Delta", "Charlie", "Bravo", "Alpha"]
    assert response.json()["count"] == 5


def test_list_items_are_summaries_without_body(client, library):
    item = client.get(LIST).json()["results"][0]

    assert {"body", "body_html", "comments", "seo"}.isdisjoint(item)
    assert "comment_count" in item


def test_articles_can_be_ordered_by_date_or_title(client, library):
    oldest_first = ["Alpha", "Bravo", "Charlie", "Delta", "Echo"]

    assert titles(client.get(LIST, {"order": "date"})) == oldest_first
    assert titles(client.get(LIST, {"order": "title"})) == oldest_first
    assert titles(client.get(LIST, {"order": "-title"})) == oldest_first[::-1]


def test_filter_by_author_id_or_slug(client, library):
    _, amal, _ = library

    assert titles(client.get(LIST, {"author": amal.pk})) == ["Echo", "Charlie"]
    assert titles(client.get(LIST, {"author": "basil"})) == [
        "Delta",
        "Charlie",
        "Bravo",
    ]


def test_repeated_topics_must_all_match_and_commas_match_any(client, library):
    assert titles(client.get(LIST + "?topic=syria&topic=iraq")) == ["Echo"]
    assert titles(client.get(LIST, {"topic": "iran,uae"})) == ["Charlie", "Alpha"]


def test_filter_by_section_id_or_slug(client, library, newsroom):
    assert len(titles(client.get(LIST, {"section": newsroom.news.pk}))) == 5
    assert len(titles(client.get(LIST, {"section": "news"}))) == 5
    assert titles(client.get(LIST, {"section": "nowhere"})) == []


def test_filter_by_publication_dates(client, library):
    three_days_ago = (timezone.now() - datetime.timedelta(days=3, hours=1)).isoformat()
    day = (timezone.now() - datetime.timedelta(days=2)).date().isoformat()

    after = client.get(LIST, {"published_after": three_days_ago})
    before = client.get(LIST, {"published_before": day})

    assert titles(after) == ["Echo", "Delta", "Charlie"]
    assert titles(before)[-1] == "Alpha"
    assert "Echo" not in titles(before)


def test_fields_picks_a_subset_and_always_keeps_id(client, library):
    item = client.get(LIST, {"fields": "title,path"}).json()["results"][0]

    assert set(item) == {"id", "title", "path"}


def test_offset_pagination_links_walk_the_list(client, library):
    first = client.get(LIST, {"limit": 2}).json()
    second = client.get(first["next"]).json()
    third = client.get(second["next"]).json()

    assert [item["title"] for item in first["results"]] == ["Echo", "Delta"]
    assert [item["title"] for item in second["results"]] == ["Charlie", "Bravo"]
    assert [item["title"] for item in third["results"]] == ["Alpha"]
    assert third["next"] is None
    assert first["previous"] is None
    assert client.get(second["previous"]).json()["results"] == first["results"]


def test_cursor_walks_every_article_once_in_every_order(client, library):
    for order in ["-date", "date", "title", "-title"]:
        page = client.get(LIST, {"limit": 2, "order": order}).json()
        seen = [item["id"] for item in page["results"]]
        while page["next_cursor"]:
            page = client.get(
                LIST, {"limit": 2, "order": order, "cursor": page["next_cursor"]}
            ).json()
            assert page["count"] is None
            seen += [item["id"] for item in page["results"]]

        assert len(seen) == len(set(seen)) == 5, order


def test_cursor_next_link_continues_the_walk(client, library):
    first = client.get(LIST, {"limit": 3}).json()
    cursor_page = client.get(LIST, {"limit": 3, "cursor": first["next_cursor"]}).json()

    assert [item["title"] for item in cursor_page["results"]] == ["Bravo", "Alpha"]
    assert cursor_page["next"] is None


def test_article_detail_by_id_path_and_slug(client, library):
    echo = library[0]["echo"]

    by_id = client.get(f"{LIST}{echo.pk}/")
    by_path = client.get(f"{LIST}by-path/", {"path": "/news/echo/"})
    by_slug = client.get(f"{LIST}by-slug/echo/")

    assert by_id.status_code == HTTPStatus.OK
    assert by_id.json()["title"] == "Echo"
    assert by_path.content == by_id.content
    assert by_slug.content == by_id.content


def test_topics_list_counts_live_articles(client, library):
    topics = {
        topic["slug"]: topic["article_count"]
        for topic in client.get("/api/v1/topics/").json()["results"]
    }

    assert topics == {"iran": 1, "iraq": 2, "syria": 2, "uae": 1}


def test_authors_list_and_detail(client, library):
    _, amal, _ = library

    names = [a["name"] for a in client.get("/api/v1/authors/").json()["results"]]
    detail = client.get(f"/api/v1/authors/{amal.pk}/").json()
    by_slug = client.get("/api/v1/authors/by-slug/amal/").json()

    assert names == ["Amal", "Basil"]
    assert detail["article_count"] == 2
    assert [a["title"] for a in detail["latest_articles"]] == ["Echo", "Charlie"]
    assert by_slug == detail


def test_search_finds_articles_and_authors_with_marked_snippets(client, library):
    response = client.get("/api/v1/search/", {"q": "charlie"})

    body = response.json()
    assert response.status_code == HTTPStatus.OK
    assert [hit["title"] for hit in body["results"]] == ["Charlie"]
    assert "<mark>Charlie</mark>" in body["results"][0]["snippet"]


def test_find_routes_any_public_path(client, library, newsroom):
    echo = library[0]["echo"]

    article = client.get("/api/v1/find/", {"path": "/news/echo/"}).json()
    author = client.get("/api/v1/find/", {"path": "/authors/amal/"}).json()
    section = client.get("/api/v1/find/", {"path": "/news/"}).json()
    home = client.get("/api/v1/find/", {"path": "/"}).json()

    assert (article["type"], article["id"]) == ("article", echo.pk)
    assert (author["type"], author["name"]) == ("author", "Amal")
    assert (section["type"], section["id"]) == ("section", newsroom.news.pk)
    assert home["type"] == "home"


@pytest.mark.parametrize("name", ["author", "topic", "section"])
def test_filter_holding_a_nul_character_is_refused_not_a_server_error(
    client, library, name
):
    response = client.get("/api/v1/articles/", {name: "sofia\x00nawab"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/problem+json"
    assert name in response.json()["detail"]
