"""The Editorial API follows the editor's rules: writers draft and submit, editors review."""

import json
from http import HTTPStatus

import pytest
from django.test import Client
from wagtail.models import APIToken, Page, WorkflowState

from blog.models import Topic
from cms.api.editorial.models import TokenPolicy
from cms.events.models import ContentEvent
from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs

PROBLEM_JSON = "application/problem+json"


def client_for(user, scope):
    token, plaintext = APIToken.create_token(user=user, name=scope)
    TokenPolicy.objects.create(token=token, scope=scope)
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


def post(client, url, payload=None):
    return client.post(
        url, data=json.dumps(payload or {}), content_type="application/json"
    )


@pytest.fixture
def writer_api(writer):
    return client_for(writer, "write")


@pytest.fixture
def editor_api(editor):
    return client_for(editor, "moderate")


@pytest.fixture
def byline(newsroom):
    return AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")


@pytest.fixture
def draft(newsroom, writer, byline):
    return ArticlePageFactory(
        parent=newsroom.news, authors=[byline], live=False, owner=writer
    )


def test_writer_creates_a_draft_through_wagtails_v3_route(newsroom, writer_api, byline):
    Topic.objects.create(name="Syria")  # editors curate topics; writers pick
    response = post(
        writer_api,
        "/api/editorial/pages/",
        {
            "meta": {"type": "blog.ArticlePage", "parent_id": newsroom.news.pk},
            "title": "Aleppo's Old Markets Reopen",
            "standfirst": "Traders return.",
            "article_authors": [{"author_id": byline.pk}],
            "body": [{"type": "paragraph", "value": "<p>Stalls reopen.</p>"}],
            "topics": ["Syria"],
        },
    )

    assert response.status_code == HTTPStatus.CREATED, response.content
    page = Page.objects.get(pk=response.json()["id"])
    assert page.get_parent().pk == newsroom.news.pk
    assert not page.live
    draft = page.specific.get_latest_revision_as_object()
    assert [a.pk for a in draft.authors] == [byline.pk]


def test_writer_cannot_coin_a_topic_through_the_api(newsroom, writer_api, byline):
    response = post(
        writer_api,
        "/api/editorial/pages/",
        {
            "meta": {"type": "blog.ArticlePage", "parent_id": newsroom.news.pk},
            "title": "A Brand New Beat",
            "article_authors": [{"author_id": byline.pk}],
            "topics": ["Brand new"],
        },
    )

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert not Topic.objects.filter(name="Brand new").exists()


def test_writer_cannot_publish_through_the_api(writer_api, draft):
    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/actions/publish/")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response["Content-Type"] == PROBLEM_JSON
    draft.refresh_from_db()
    assert not draft.live


def test_writer_cannot_unpublish_a_live_article(newsroom, writer, writer_api, byline):
    live = ArticlePageFactory(parent=newsroom.news, authors=[byline], owner=writer)

    response = post(writer_api, f"/api/editorial/pages/{live.pk}/actions/unpublish/")

    assert response.status_code == HTTPStatus.FORBIDDEN
    live.refresh_from_db()
    assert live.live


def test_writer_cannot_touch_pages_outside_the_newsroom(newsroom, writer_api):
    root = Page.get_first_root_node()

    response = post(writer_api, f"/api/editorial/pages/{root.pk}/lock/")

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response["Content-Type"] == PROBLEM_JSON


def test_writer_submits_and_editor_sees_it_in_the_inbox(writer_api, editor_api, draft):
    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["status"] == WorkflowState.STATUS_IN_PROGRESS
    inbox = editor_api.get("/api/editorial/inbox/").json()
    assert [item["page_id"] for item in inbox] == [draft.pk]
    assert inbox[0]["submitted_by"]["name"]
    assert inbox[0]["task"] == "Editor approval"
    assert inbox[0]["age_seconds"] >= 0


def test_writer_has_nothing_to_review(writer_api, draft):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    assert writer_api.get("/api/editorial/inbox/").json() == []


def test_incomplete_draft_cannot_be_submitted(newsroom, writer, writer_api):
    bare = ArticlePageFactory(
        parent=newsroom.news, standfirst="", body=[], live=False, owner=writer
    )

    response = post(writer_api, f"/api/editorial/pages/{bare.pk}/workflow/submit/")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    missing = {error["loc"][0] for error in response.json()["errors"]}
    assert missing == {"standfirst", "article_authors", "body"}
    assert bare.current_workflow_state is None


def test_writer_cannot_approve_even_with_a_moderate_token(writer, draft):
    draft.get_workflow().start(draft, writer)

    response = post(
        client_for(writer, "moderate"),
        f"/api/editorial/pages/{draft.pk}/workflow/approve/",
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert draft.current_workflow_state.status == WorkflowState.STATUS_IN_PROGRESS


def test_editor_approval_publishes_the_article(writer_api, editor_api, draft):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    response = post(
        editor_api,
        f"/api/editorial/pages/{draft.pk}/workflow/approve/",
        {"comment": "Good to go"},
    )

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["status"] == WorkflowState.STATUS_APPROVED
    draft.refresh_from_db()
    assert draft.live


def test_rejected_page_goes_back_to_the_writer_with_the_comment(
    writer_api, editor_api, draft
):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    post(
        editor_api,
        f"/api/editorial/pages/{draft.pk}/workflow/reject/",
        {"comment": "Source the casualty figures."},
    )

    state = writer_api.get(f"/api/editorial/pages/{draft.pk}/workflow/").json()
    assert state["status"] == WorkflowState.STATUS_NEEDS_CHANGES
    assert state["latest_comment"] == "Source the casualty figures."
    assert state["tasks"][-1]["status"] == "rejected"
    draft.refresh_from_db()
    assert not draft.live


def test_reject_needs_a_comment(writer_api, editor_api, draft):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    response = post(editor_api, f"/api/editorial/pages/{draft.pk}/workflow/reject/")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response["Content-Type"] == PROBLEM_JSON


def test_writer_resubmits_after_changes_and_the_same_workflow_resumes(
    writer_api, editor_api, draft
):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")
    post(
        editor_api,
        f"/api/editorial/pages/{draft.pk}/workflow/reject/",
        {"comment": "Shorter, please."},
    )

    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/resubmit/")

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["status"] == WorkflowState.STATUS_IN_PROGRESS
    assert WorkflowState.objects.for_instance(draft).count() == 1


def test_resubmit_without_requested_changes_is_a_conflict(writer_api, draft):
    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/resubmit/")

    assert response.status_code == HTTPStatus.CONFLICT


def test_writer_cancels_own_submission(writer_api, draft):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/cancel/")

    assert response.status_code == HTTPStatus.OK, response.content
    assert response.json()["status"] == WorkflowState.STATUS_CANCELLED


def test_other_writer_cannot_cancel_someone_elses_submission(
    other_writer, writer_api, draft
):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    response = post(
        client_for(other_writer, "write"),
        f"/api/editorial/pages/{draft.pk}/workflow/cancel/",
    )

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_submitting_twice_is_a_conflict(writer_api, draft):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    assert response.status_code == HTTPStatus.CONFLICT
    assert response["Content-Type"] == PROBLEM_JSON


def test_editor_locks_and_unlocks_a_page(editor_api, draft, editor):
    locked = post(editor_api, f"/api/editorial/pages/{draft.pk}/lock/")
    unlocked = post(editor_api, f"/api/editorial/pages/{draft.pk}/unlock/")

    assert locked.json()["locked"] is True
    assert locked.json()["locked_by"]["id"] == editor.pk
    assert unlocked.json()["locked"] is False


def test_writer_cannot_unlock_a_page_an_editor_locked(editor_api, writer_api, draft):
    post(editor_api, f"/api/editorial/pages/{draft.pk}/lock/")

    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/unlock/")

    assert response.status_code == HTTPStatus.FORBIDDEN
    draft.refresh_from_db()
    assert draft.locked


def test_history_lists_the_audit_log(writer_api, editor_api, draft):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")
    post(
        editor_api,
        f"/api/editorial/pages/{draft.pk}/workflow/reject/",
        {"comment": "More detail."},
    )

    entries = editor_api.get(f"/api/editorial/pages/{draft.pk}/history/").json()

    actions = [entry["action"] for entry in entries]
    assert actions[:2] == ["wagtail.workflow.reject", "wagtail.workflow.start"]
    assert entries[0]["comment"] == "More detail."


def test_submitting_unsaved_body_is_checked_on_the_latest_revision(
    writer, writer_api, draft
):
    draft.body = paragraphs()
    draft.save_revision(user=writer)

    response = post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert [e["loc"] for e in response.json()["errors"]] == [["body"]]


def test_api_review_lands_in_the_content_event_log_like_the_admins(
    writer_api, editor_api, draft
):
    post(writer_api, f"/api/editorial/pages/{draft.pk}/workflow/submit/")
    post(editor_api, f"/api/editorial/pages/{draft.pk}/workflow/approve/")

    types = list(
        ContentEvent.objects.filter(page_id=draft.pk)
        .order_by("id")
        .values_list("type", flat=True)
    )
    assert types[0] == ContentEvent.Type.WORKFLOW_SUBMITTED
    assert ContentEvent.Type.WORKFLOW_APPROVED in types
    assert ContentEvent.Type.PUBLISHED in types
