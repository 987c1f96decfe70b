"""
The admin's section listing reads a section's newest children from an index,
not by sorting every story: its cost must not grow with the archive.
"""

import re

from django.db import connection
from django.test.utils import CaptureQueriesContext

from tests.factories import ArticlePageFactory

INDEX = "page_depth_newest_revision"


def _listing_query(client, section):
    """
    The explorer's query for the rows of ``section``: newest first, a page of
    them (50, or fewer when the section holds fewer).
    """
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/admin/pages/{section.pk}/")
    assert response.status_code == 200
    [query] = [
        query["sql"]
        for query in queries.captured_queries
        if re.search(
            r"latest_revision_created_at\"? DESC", query["sql"].split("ORDER BY")[-1]
        )
        and "LIMIT" in query["sql"].split("ORDER BY")[-1]
    ]
    return query


def _plan(sql):
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # A small table is cheaper to sort than to walk; ask as a big one would.
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("SET LOCAL enable_sort = off")
            cursor.execute("EXPLAIN " + sql)
        else:
            cursor.execute("EXPLAIN QUERY PLAN " + sql)
        return "\n".join(str(row[-1]) for row in cursor.fetchall())


def test_the_section_listing_walks_the_newest_first_index(client, newsroom, editor):
    for _ in range(3):
        ArticlePageFactory(parent=newsroom.news)
    client.force_login(editor)

    plan = _plan(_listing_query(client, newsroom.news))

    assert INDEX in plan
    assert "TEMP B-TREE FOR ORDER BY" not in plan  # SQLite's sort of every row
