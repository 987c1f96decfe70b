"""
Corrections and updates in the Delivery API: on the article as structured
data with its own ``updated_at``, and in the newsroom-wide log.
"""

import datetime as dt
from http import HTTPStatus

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from blog.models import ArticleCorrection
from cms.events.models import ContentEvent
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db

CORRECTIONS = "/api/v1/corrections/"


def at(days_ago, hour=9):
    return timezone.now().replace(hour=hour, minute=0, second=0, microsecond=0) - (
        dt.timedelta(days=days_ago)
    )


def corrected_article(parent, title, *entries, **fields):
    return ArticlePageFactory(
        parent=parent,
        title=title,
        corrections=[
            {"kind": kind, "text": text, "made_at": made_at}
            for kind, text, made_at in entries
        ],
        **fields,
    )


def test_article_carries_its_corrections_in_the_order_they_were_made(
    newsroom, client, publish
):
    display = at(10)
    with publish():
        article = corrected_article(
            newsroom.news,
            "Polling day",
            ("update", "Turnout figures added.", at(2)),
            ("correction", "An earlier version misstated the count.", at(1)),
            display_date=display,
        )

    document = client.get(f"/api/v1/articles/{article.pk}/").json()

    assert [entry["type"] for entry in document["corrections"]] == [
        "update",
        "correction",
    ]
    first = document["corrections"][0]
    assert first["label"] == "Update"
    assert first["text"] == "Turnout figures added."
    assert first["made_at"] == at(2).isoformat()
    assert document["updated_at"] == at(1).isoformat()
    assert document["display_date"] == display.isoformat()


def test_an_uncorrected_article_has_no_updated_at(newsroom, client, publish):
    with publish():
        article = ArticlePageFactory(parent=newsroom.news)

    document = client.get(f"/api/v1/articles/{article.pk}/").json()

    assert document["corrections"] == []
    assert document["updated_at"] is None


def test_list_carries_updated_at_but_not_the_log(newsroom, client, publish):
    with publish():
        corrected_article(newsroom.news, "Fixed", ("correction", "Name.", at(1)))

    item = client.get("/api/v1/articles/").json()["results"][0]

    assert item["updated_at"] == at(1).isoformat()
    assert "corrections" not in item


def test_a_drafted_correction_stays_out_of_the_api_until_published(
    newsroom, client, publish
):
    with publish():
        article = ArticlePageFactory(parent=newsroom.news, title="Court ruling")
    article.corrections = [
        ArticleCorrection(kind="correction", text="The judge's name was wrong.")
    ]
    with publish():
        revision = article.save_revision()

    assert client.get(f"/api/v1/articles/{article.pk}/").json()["corrections"] == []
    assert client.get(CORRECTIONS).json()["count"] == 0

    with publish():
        revision.publish()

    document = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert [entry["text"] for entry in document["corrections"]] == [
        "The judge's name was wrong."
    ]
    assert client.get(CORRECTIONS).json()["count"] == 1


def test_publishing_a_correction_is_announced_as_a_change_of_the_article(
    newsroom, publish
):
    with publish():
        article = ArticlePageFactory(parent=newsroom.news)
    before = ContentEvent.objects.filter(page_id=article.pk).count()
    article.corrections = [ArticleCorrection(kind="update", text="New figures.")]

    with publish():
        article.save_revision().publish()

    events = ContentEvent.objects.filter(page_id=article.pk).order_by("pk")
    assert events.count() == before + 1
    assert events.last().type == ContentEvent.Type.PUBLISHED


def test_corrections_log_lists_entries_across_articles_newest_first(
    newsroom, client, publish
):
    with publish():
        one = corrected_article(
            newsroom.news,
            "One",
            ("correction", "Oldest.", at(3)),
            ("editors_note", "Newest.", at(0)),
        )
        two = corrected_article(newsroom.news, "Two", ("clarification", "Mid.", at(1)))
        corrected_article(
            newsroom.news, "Draft", ("correction", "Unseen.", at(0)), live=False
        )

    body = client.get(CORRECTIONS).json()

    assert body["count"] == 3
    assert [entry["text"] for entry in body["results"]] == [
        "Newest.",
        "Mid.",
        "Oldest.",
    ]
    assert [entry["article"]["id"] for entry in body["results"]] == [
        one.pk,
        two.pk,
        one.pk,
    ]
    assert body["results"][1]["article"]["title"] == "Two"
    assert body["results"][1]["label"] == "Clarification"


def test_corrections_log_filters_by_type_and_pages(newsroom, client, publish):
    with publish():
        corrected_article(
            newsroom.news,
            "Many",
            *[("correction", f"Fix {n}.", at(n)) for n in range(3)],
            ("update", "An update.", at(5)),
        )

    first = client.get(CORRECTIONS, {"type": "correction", "limit": 2}).json()
    second = client.get(first["next"]).json()

    assert first["count"] == 3
    assert [entry["text"] for entry in first["results"]] == ["Fix 0.", "Fix 1."]
    assert [entry["text"] for entry in second["results"]] == ["Fix 2."]
    assert second["next"] is None
    assert second["previous"]


@pytest.mark.parametrize(
    "query", [{"type": "typo"}, {"limit": "0"}, {"offset": "-1"}, {"sort": "x"}]
)
def test_corrections_log_refuses_bad_parameters_as_problems(newsroom, client, query):
    response = client.get(CORRECTIONS, query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"].startswith("application/problem+json")


def test_corrections_log_costs_the_same_queries_for_many_entries(
    newsroom, client, publish
):
    def queries():
        from django.core.cache import cache

        cache.clear()
        with CaptureQueriesContext(connection) as captured:
            assert client.get(CORRECTIONS, {"limit": 100}).status_code == HTTPStatus.OK
        return len(captured)

    with publish():
        corrected_article(newsroom.news, "A", ("correction", "One.", at(1)))
    small = queries()
    with publish():
        for n in range(6):
            corrected_article(
                newsroom.news,
                f"B{n}",
                ("correction", "Two.", at(2)),
                ("update", "Three.", at(3)),
            )

    assert queries() == small


@override_settings(SYNC_SETTLE_SECONDS=0)
def test_sync_feed_carries_the_corrected_article_as_a_change(newsroom, client, publish):
    with publish():
        article = ArticlePageFactory(parent=newsroom.news)
    cursor = client.get("/api/v1/sync/", {"limit": 100}).json()["cursor"]
    article.corrections = [ArticleCorrection(kind="clarification", text="Clarified.")]

    with publish():
        article.save_revision().publish()

    body = client.get("/api/v1/sync/", {"cursor": cursor}).json()
    (change,) = [item for item in body["items"] if item["id"] == article.pk]
    assert change["op"] == "upsert"
    assert [entry["text"] for entry in change["document"]["corrections"]] == [
        "Clarified."
    ]
    assert change["document"]["updated_at"] is not None
