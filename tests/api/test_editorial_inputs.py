"""Malformed ids, page windows and headers get a 4xx problem from the Editorial API, never a 500."""

from http import HTTPStatus

import pytest
from django.test import Client

from tests.api.test_editorial_tokens import PROBLEM_JSON, token_for
from tests.factories import ArticlePageFactory


@pytest.fixture
def editor_api(editor):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(editor, 'moderate')}")


def test_draft_save_to_a_page_id_that_is_not_an_integer_is_refused(editor_api):
    response = editor_api.patch(
        "/api/editorial/pages/0.025/draft/",
        {"title": "x"},
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response["Content-Type"] == PROBLEM_JSON
    assert "page_id" in response.json()["detail"]


def test_offset_beyond_any_database_integer_is_refused(editor_api):
    response = editor_api.get(
        "/api/editorial/redirects/?offset=3867110704047309551402880477723361280"
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON
    assert "offset" in response.json()["detail"]


def test_large_but_representable_offset_is_an_empty_page(editor_api):
    response = editor_api.get(f"/api/editorial/redirects/?offset={2**40}")

    assert response.status_code == HTTPStatus.OK


def test_content_length_that_is_not_a_number_is_not_a_server_error(editor_api):
    response = editor_api.get("/api/editorial/inbox/", CONTENT_LENGTH="lots")

    assert response.status_code == HTTPStatus.OK


def test_struct_block_value_that_is_not_an_object_is_a_client_error(writer, newsroom):
    draft = ArticlePageFactory(parent=newsroom.news, live=False, owner=writer)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(writer, 'write')}")

    response = client.patch(
        f"/api/editorial/pages/{draft.pk}/draft/",
        data='{"body": [{"type": "heading", "value": true}]}',
        content_type="application/json",
        headers={"If-Match": f'"{draft.latest_revision_id}"'},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON
    assert draft.revisions.count() == 1


@pytest.mark.parametrize("value", ["[null]", "{}", "42"])
def test_embed_value_that_is_not_a_url_is_a_client_error(writer, newsroom, value):
    draft = ArticlePageFactory(parent=newsroom.news, live=False, owner=writer)
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(writer, 'write')}")

    response = client.patch(
        f"/api/editorial/pages/{draft.pk}/draft/",
        data=f'{{"body": [{{"type": "embed", "value": {value}}}]}}',
        content_type="application/json",
        headers={"If-Match": f'"{draft.latest_revision_id}"'},
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON
    assert draft.revisions.count() == 1
