"""
Pages deep in the archive cost what the first pages cost: the cursor starts
its index walk at the cursor, and numbered pages stop where skipping rows
would grow with the archive.
"""

import datetime
import re
from http import HTTPStatus

from django.db import connection
from django.test import override_settings
from django.utils import timezone

from cms.api.delivery.paging import MAX_OFFSET, ORDERS, after_cursor, read_cursor
from cms.publishing.reading import visible
from tests.factories import ArticlePageFactory

LIST = "/api/v1/articles/"


def _plan(sql, params):
    """The database's plan for one query, as text."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN " + sql, params)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


@override_settings(API_RESPONSE_CACHE=False)
def test_a_cursor_page_starts_reading_at_the_cursor(client, newsroom, rebuild):
    now = timezone.now()
    for days in range(5):
        ArticlePageFactory(
            parent=newsroom.news, display_date=now - datetime.timedelta(days=days)
        )
    rebuild()
    cursor = client.get(LIST, {"limit": 2}).json()["next_cursor"]
    # The query the cursor page runs, with its parameters.
    queryset = after_cursor(
        visible("article").order_by(*ORDERS["-date"]),
        "-date",
        read_cursor(cursor, "-date"),
    ).values_list("summary")[:3]
    sql, params = queryset.query.sql_with_params()
    plan = _plan(sql, params)
    # The index range is bounded by the cursor's date, not only by page type.
    if connection.vendor == "postgresql":
        assert re.search(r"Index Cond: .*sort_date <=", plan), plan
    else:
        assert re.search(
            r"USING INDEX delivery_newest \(page_type=\? AND sort_date<\?\)", plan
        ), plan
    page = client.get(LIST, {"limit": 2, "cursor": cursor})
    assert page.status_code == HTTPStatus.OK
    assert len(page.json()["results"]) == 2


def test_numbered_pages_stop_where_the_cursor_takes_over(client, newsroom, rebuild):
    ArticlePageFactory(parent=newsroom.news)
    rebuild()
    assert client.get(LIST, {"offset": MAX_OFFSET}).status_code == HTTPStatus.OK
    response = client.get(LIST, {"offset": MAX_OFFSET + 1})
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"].startswith("application/problem+json")
    assert "offset" in response.content.decode()
