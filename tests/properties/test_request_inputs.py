"""
What clients send the APIs: StreamField JSON in Editorial API bodies, and the
Delivery API's filter strings and cursors in query parameters.

Whatever arrives, the answer is a success or a 4xx in the problem+json shape,
never a 500, and a refused draft save leaves the page's revisions as they were.
"""

import json
from http import HTTPStatus
from types import SimpleNamespace

import pytest
from django.test import Client
from hypothesis import given
from hypothesis import strategies as st

from blog.blocks import ArticleBodyBlock
from cms.api.delivery.paging import ORDERS, SUMMARY_FIELDS
from cms.publishing.documents import rebuild_all
from tests.factories import ArticlePageFactory, AuthorPageFactory
from tests.module_db import api_token, build_newsroom, rolled_back

from .conftest import through_views

PROBLEM_JSON = "application/problem+json"
BLOCK_TYPES = sorted(ArticleBodyBlock.base_blocks)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
# Blocks that are nearly right are the ones that reach deepest: a real block
# type with a wrong value, a missing key, an extra id, or no object at all.
blocks = st.one_of(
    st.fixed_dictionaries(
        {"type": st.sampled_from(BLOCK_TYPES), "value": json_values},
        optional={"id": st.text(max_size=40) | st.integers()},
    ),
    st.fixed_dictionaries({"type": st.text(max_size=20), "value": json_values}),
    st.fixed_dictionaries({"type": st.sampled_from(BLOCK_TYPES)}),
    st.fixed_dictionaries({"value": json_values}),
    json_values,
)
bodies = st.lists(blocks, max_size=5) | json_values


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        tree = build_newsroom()
        author = AuthorPageFactory(parent=tree.authors, title="Sofia Nawab")
        live = ArticlePageFactory(
            parent=tree.news, authors=[author], topics=["Syria"], title="Live"
        )
        draft = ArticlePageFactory(
            parent=tree.news, authors=[author], live=False, owner=tree.people.writer
        )
        rebuild_all()
        yield SimpleNamespace(
            tree=tree,
            live=live,
            draft=draft,
            writer_token=api_token(tree.people.writer, "write"),
        )


@pytest.fixture(autouse=True)
def _unlimited(settings):
    settings.API_RATE_LIMIT = "1000000/min"
    settings.API_TOKEN_RATE_LIMIT = "1000000/min"


def assert_answered_properly(response):
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, response.content
    if response.status_code >= HTTPStatus.BAD_REQUEST:
        assert response["Content-Type"] == PROBLEM_JSON, response.content
        assert response.json()["status"] == response.status_code


@through_views
@given(body=bodies)
def test_draft_save_with_any_streamfield_json_is_saved_or_refused(body, world, db):
    draft = world.draft
    draft.refresh_from_db()
    revisions_before = draft.revisions.count()
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.writer_token}")

    response = client.patch(
        f"/api/editorial/pages/{draft.pk}/draft/",
        data=json.dumps({"body": body}),
        content_type="application/json",
        headers={"If-Match": f'"{draft.latest_revision_id}"'},
    )

    assert_answered_properly(response)
    if response.status_code != HTTPStatus.OK:
        assert draft.revisions.count() == revisions_before


@through_views
@given(body=bodies, title=st.text(max_size=300) | json_values)
def test_creating_an_article_with_any_body_is_created_or_refused(
    body, title, world, db
):
    client = Client(HTTP_AUTHORIZATION=f"Bearer {world.writer_token}")

    response = client.post(
        "/api/editorial/pages/",
        data=json.dumps(
            {
                "meta": {"type": "blog.ArticlePage", "parent_id": world.tree.news.pk},
                "title": title,
                "body": body,
            }
        ),
        content_type="application/json",
    )

    assert_answered_properly(response)


filter_text = st.text(max_size=40) | st.sampled_from(
    [
        "syria",
        "Syria,Iraq",
        "news",
        "sofia-nawab",
        "1",
        "-1",
        "2026-02-30",
        "2026-01-01T25:00",
    ]
)
dates = filter_text | st.dates().map(str) | st.datetimes().map(lambda d: d.isoformat())
query_params = st.fixed_dictionaries(
    {},
    optional={
        "author": filter_text,
        "topic": st.lists(filter_text, max_size=3),
        "section": filter_text,
        "published_after": dates,
        "published_before": dates,
        "order": st.sampled_from(sorted(ORDERS)) | st.text(max_size=10),
        "fields": st.lists(st.sampled_from(SUMMARY_FIELDS) | st.text(max_size=8), max_size=4).map(",".join),
        "limit": st.integers(min_value=-5, max_value=10**20).map(str) | st.text(max_size=5),
        "offset": st.integers(min_value=-5, max_value=10**30).map(str) | st.text(max_size=5),
        "cursor": st.text(max_size=80),
    },
)  # fmt: skip


@through_views
@given(params=query_params)
def test_article_list_with_any_filters_answers_or_refuses(params, world, db):
    response = Client().get("/api/v1/articles/", params)

    assert_answered_properly(response)
    if response.status_code == HTTPStatus.OK:
        assert all(
            item.get("id") == world.live.pk for item in response.json()["results"]
        )


@through_views
@given(cursor=st.text(max_size=200), limit=st.integers(min_value=-2, max_value=10**6))
def test_sync_feed_with_any_cursor_answers_or_refuses(cursor, limit, world, db):
    response = Client().get("/api/v1/sync/", {"cursor": cursor, "limit": limit})

    assert_answered_properly(response)
