"""Saving drafts: optimistic concurrency, locks, revisions, diffs and bad input."""

import json
from http import HTTPStatus

import pytest
from django.test import Client
from wagtail.models import APIToken

from cms.api.editorial.models import TokenPolicy
from tests.factories import ArticlePageFactory, AuthorPageFactory

PROBLEM_JSON = "application/problem+json"


def client_for(user, scope="write"):
    token, plaintext = APIToken.create_token(user=user, name=scope)
    TokenPolicy.objects.create(token=token, scope=scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def save(client, page, payload, base=None):
    headers = {"If-Match": f'"{base}"'} if base is not None else {}
    return client.patch(
        f"/api/editorial/pages/{page.pk}/draft/",
        data=json.dumps(payload),
        content_type="application/json",
        headers=headers,
    )


@pytest.fixture
def draft(newsroom, writer):
    author = AuthorPageFactory(parent=newsroom.authors)
    return ArticlePageFactory(
        parent=newsroom.news, authors=[author], live=False, owner=writer
    )


def latest_revision_id(page):
    page.refresh_from_db()
    return page.latest_revision_id


def test_saving_a_draft_creates_a_revision_and_returns_its_etag(writer, draft):
    base = latest_revision_id(draft)

    response = save(client_for(writer), draft, {"standfirst": "New angle."}, base)

    assert response.status_code == HTTPStatus.OK, response.content
    new_id = response.json()["revision_id"]
    assert new_id != base
    assert response["ETag"] == f'"{new_id}"'
    assert draft.revisions.get(pk=new_id).as_object().standfirst == "New angle."


def test_stale_save_is_refused_and_nothing_is_overwritten(writer, editor, draft):
    base = latest_revision_id(draft)
    first = save(client_for(editor, "moderate"), draft, {"title": "Editor's"}, base)

    stale = save(client_for(writer), draft, {"title": "Writer's"}, base)

    assert first.status_code == HTTPStatus.OK
    assert stale.status_code == HTTPStatus.CONFLICT
    assert stale["Content-Type"] == PROBLEM_JSON
    assert stale.json()["current_revision_id"] == first.json()["revision_id"]
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Editor's"


def test_base_revision_may_travel_in_the_body(writer, draft):
    base = latest_revision_id(draft)

    response = save(
        client_for(writer), draft, {"title": "Via body", "base_revision_id": base}
    )

    assert response.status_code == HTTPStatus.OK, response.content


def test_save_without_a_base_revision_is_refused(writer, draft):
    response = save(client_for(writer), draft, {"title": "Blind write"})

    assert response.status_code == HTTPStatus.PRECONDITION_REQUIRED
    assert response.json()["current_revision_id"] == latest_revision_id(draft)


def test_editor_saving_a_page_locked_by_another_user_gets_a_lock_conflict(
    writer, editor, draft
):
    client_for(writer).post(f"/api/editorial/pages/{draft.pk}/lock/")

    response = save(
        client_for(editor, "moderate"),
        draft,
        {"title": "Overwrite"},
        latest_revision_id(draft),
    )

    assert response.status_code == HTTPStatus.LOCKED
    assert response["Content-Type"] == PROBLEM_JSON
    assert response.json()["lock"]["locked_by"] == "Locked by another user"
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title != "Overwrite"


def test_writer_editing_a_page_in_moderation_gets_a_lock_conflict(writer, draft):
    draft.get_workflow().start(draft, writer)

    response = save(
        client_for(writer), draft, {"title": "Sneaky"}, latest_revision_id(draft)
    )

    assert response.status_code == HTTPStatus.LOCKED
    assert response.json()["lock"]["in_moderation"] is True


def test_unknown_block_type_is_refused_naming_the_field(writer, draft):
    response = save(
        client_for(writer),
        draft,
        {"body": [{"type": "marquee", "value": "<p>Hi</p>"}]},
        latest_revision_id(draft),
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response["Content-Type"] == PROBLEM_JSON
    assert "body" in json.dumps(response.json()["errors"])
    assert "marquee" in json.dumps(response.json()["errors"])


def test_malformed_streamfield_json_is_a_client_error_not_a_crash(writer, draft):
    client = client_for(writer)
    base = latest_revision_id(draft)

    missing_value = save(client, draft, {"body": [{"type": "paragraph"}]}, base)
    not_a_list = save(client, draft, {"body": "<p>plain</p>"}, base)

    assert missing_value.status_code == HTTPStatus.BAD_REQUEST
    assert missing_value["Content-Type"] == PROBLEM_JSON
    assert not_a_list.status_code == HTTPStatus.UNPROCESSABLE_ENTITY


def test_invalid_block_value_is_refused_by_the_block_itself(writer, draft):
    response = save(
        client_for(writer),
        draft,
        {"body": [{"type": "heading", "value": {"text": "x" * 300, "level": "h7"}}]},
        latest_revision_id(draft),
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response["Content-Type"] == PROBLEM_JSON
    assert "body" in json.dumps(response.json()["errors"])


def test_not_json_at_all_is_a_client_error(writer, draft):
    response = client_for(writer).patch(
        f"/api/editorial/pages/{draft.pk}/draft/",
        data="{not json",
        content_type="application/json",
        headers={"If-Match": f'"{latest_revision_id(draft)}"'},
    )

    assert response.status_code in {
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.UNPROCESSABLE_ENTITY,
    }


def test_compare_reports_changed_fields_with_before_and_after(writer, draft):
    client = client_for(writer)
    base = latest_revision_id(draft)
    save(client, draft, {"title": "Sharper headline", "standfirst": "Now."}, base)

    response = client.get(f"/api/editorial/pages/{draft.pk}/diff/?from={base}")

    assert response.status_code == HTTPStatus.OK, response.content
    changes = {c["field"]: c for c in response.json()["changes"]}
    assert set(changes) == {"title", "standfirst"}
    assert changes["title"]["before"] == draft.title
    assert changes["title"]["after"] == "Sharper headline"


def test_revert_makes_a_new_revision_from_the_old_content(writer, draft):
    client = client_for(writer)
    base = latest_revision_id(draft)
    save(client, draft, {"title": "Bad edit"}, base)

    response = client.post(
        f"/api/editorial/pages/{draft.pk}/actions/revert/",
        data=json.dumps({"revision_id": base}),
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.OK, response.content
    original_title = draft.title
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == original_title
    assert draft.revisions.count() == 3


def test_malformed_body_on_wagtails_create_route_is_a_client_error(newsroom, writer):
    response = client_for(writer).post(
        "/api/editorial/pages/",
        data=json.dumps(
            {
                "meta": {"type": "blog.ArticlePage", "parent_id": newsroom.news.pk},
                "title": "Half a block",
                "body": [{"value": "<p>No type.</p>"}],
            }
        ),
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON


def test_wagtails_own_update_route_honours_a_stale_if_match(writer, editor, draft):
    base = latest_revision_id(draft)
    save(client_for(editor, "moderate"), draft, {"title": "Editor's"}, base)

    response = client_for(writer).patch(
        f"/api/editorial/pages/{draft.pk}/",
        data=json.dumps({"title": "Writer's"}),
        content_type="application/json",
        headers={"If-Match": f'"{base}"'},
    )

    assert response.status_code == HTTPStatus.CONFLICT
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title == "Editor's"
