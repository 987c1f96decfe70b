"""
The total of an article list is exact, and the archive is not counted again
for every request: only after a content change or when an article expires.
"""

import datetime
from http import HTTPStatus
from unittest import mock

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from tests.factories import ArticlePageFactory

LIST = "/api/v1/articles/"


def _list(client, url=LIST):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == HTTPStatus.OK
    return response.json(), [query["sql"] for query in queries]


def _counts(queries):
    return [sql for sql in queries if "COUNT(" in sql.upper()]


@override_settings(API_RESPONSE_CACHE=False)
def test_list_total_is_counted_once_until_content_changes(
    client, newsroom, rebuild, django_capture_on_commit_callbacks
):
    for number in range(3):
        ArticlePageFactory(parent=newsroom.news, title=f"Story {number}")
    rebuild()
    first, first_queries = _list(client)
    again, again_queries = _list(client)
    assert first["count"] == again["count"] == 3
    assert _counts(first_queries)
    assert not _counts(again_queries)
    assert len(again_queries) < len(first_queries)

    # The generation moves once the publish commits.
    with django_capture_on_commit_callbacks(execute=True):
        ArticlePageFactory(parent=newsroom.news, title="Breaking")
    after_publish, _ = _list(client)
    assert after_publish["count"] == 4
    assert after_publish["results"][0]["title"] == "Breaking"


@override_settings(API_RESPONSE_CACHE=False)
def test_each_filter_keeps_its_own_total(client, newsroom, rebuild):
    ArticlePageFactory(parent=newsroom.news, topics=["Syria"])
    ArticlePageFactory(parent=newsroom.news, topics=["Iraq"])
    ArticlePageFactory(parent=newsroom.news, topics=["Iraq"])
    rebuild()
    assert _list(client)[0]["count"] == 3
    assert _list(client, LIST + "?topic=iraq")[0]["count"] == 2
    assert _list(client, LIST + "?topic=syria")[0]["count"] == 1
    assert _list(client)[0]["count"] == 3


@override_settings(API_RESPONSE_CACHE=False)
def test_list_total_drops_when_an_article_expires(client, newsroom, rebuild):
    now = timezone.now()
    ArticlePageFactory(parent=newsroom.news, title="Stays")
    ArticlePageFactory(
        parent=newsroom.news,
        title="Embargoed offer",
        expire_at=now + datetime.timedelta(hours=1),
    )
    rebuild()
    assert _list(client)[0]["count"] == 2
    later = now + datetime.timedelta(hours=2)
    with mock.patch("django.utils.timezone.now", return_value=later):
        listed, _ = _list(client)
    assert listed["count"] == 1
    assert [article["title"] for article in listed["results"]] == ["Stays"]
