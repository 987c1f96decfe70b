"""Editorial API tokens: scope, expiry, revocation, the create command and the docs gate."""

import json
from datetime import timedelta
from http import HTTPStatus
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.utils import timezone
from wagtail.models import APIToken

from cms.api.editorial.models import TokenPolicy
from tests.factories import ArticlePageFactory, AuthorPageFactory

PROBLEM_JSON = "application/problem+json"


def token_for(user, scope="write", expires_at=None):
    token, plaintext = APIToken.create_token(user=user, name=f"{scope} token")
    TokenPolicy.objects.create(token=token, scope=scope, expires_at=expires_at)
    return plaintext


def api(plaintext):
    return Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")


@pytest.fixture
def draft(newsroom, writer):
    author = AuthorPageFactory(parent=newsroom.authors)
    return ArticlePageFactory(
        parent=newsroom.news, authors=[author], live=False, owner=writer
    )


def test_writer_token_reads_own_draft(writer, draft):
    response = api(token_for(writer, "read")).get(
        f"/api/editorial/pages/{draft.pk}/?version=draft"
    )

    assert response.status_code == HTTPStatus.OK
    assert response.json()["title"] == draft.title
    assert response.json()["standfirst"] == draft.standfirst


def test_expired_token_is_refused_with_problem_json(writer, draft):
    plaintext = token_for(writer, "write", timezone.now() - timedelta(minutes=1))

    response = api(plaintext).get(f"/api/editorial/pages/{draft.pk}/")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["Content-Type"] == PROBLEM_JSON
    assert "expired" in response.json()["detail"]


def test_expired_token_cannot_use_the_added_endpoints_either(writer, draft):
    plaintext = token_for(writer, "write", timezone.now() - timedelta(seconds=1))

    response = api(plaintext).get("/api/editorial/inbox/")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_revoked_token_is_refused(writer, draft):
    plaintext = token_for(writer, "write")
    APIToken.objects.update(revoked_at=timezone.now())

    response = api(plaintext).get(f"/api/editorial/pages/{draft.pk}/workflow/")

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    assert response["Content-Type"] == PROBLEM_JSON


def test_unknown_token_is_refused_rather_than_treated_as_anonymous(draft):
    response = api("wagtail_notarealtoken").get("/api/editorial/pages/")

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_read_scoped_token_cannot_write(writer, draft):
    client = api(token_for(writer, "read"))

    response = client.patch(
        f"/api/editorial/pages/{draft.pk}/draft/",
        data=json.dumps({"title": "Changed"}),
        content_type="application/json",
        headers={"If-Match": f'"{draft.latest_revision_id}"'},
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response["Content-Type"] == PROBLEM_JSON
    draft.refresh_from_db()
    assert draft.get_latest_revision_as_object().title != "Changed"


def test_read_scoped_token_cannot_use_wagtails_own_write_routes(writer, draft):
    response = api(token_for(writer, "read")).post(
        "/api/editorial/pages/",
        data=json.dumps(
            {
                "meta": {
                    "type": "blog.ArticlePage",
                    "parent_id": draft.get_parent().pk,
                },
                "title": "Sneaked in",
            }
        ),
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.FORBIDDEN


def test_write_scoped_editor_token_cannot_approve(editor, writer, draft):
    draft.get_workflow().start(draft, writer)

    response = api(token_for(editor, "write")).post(
        f"/api/editorial/pages/{draft.pk}/workflow/approve/",
        data="{}",
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.FORBIDDEN
    assert "moderate" in response.json()["detail"]


def test_token_without_policy_gets_the_default_read_scope(writer, draft):
    _token, plaintext = APIToken.create_token(user=writer, name="from the admin")

    read = api(plaintext).get(f"/api/editorial/pages/{draft.pk}/workflow/")
    write = api(plaintext).post(f"/api/editorial/pages/{draft.pk}/lock/")

    assert read.status_code == HTTPStatus.OK
    assert write.status_code == HTTPStatus.FORBIDDEN


def test_oversized_payload_is_refused_before_parsing(writer, draft, settings):
    settings.EDITORIAL_API_MAX_BODY_BYTES = 1000

    response = api(token_for(writer)).patch(
        f"/api/editorial/pages/{draft.pk}/draft/",
        data=json.dumps({"standfirst": "x" * 2000}),
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response["Content-Type"] == PROBLEM_JSON


def test_create_api_token_command_prints_a_working_scoped_expiring_token(writer, draft):
    out = StringIO()

    call_command(
        "create_api_token",
        "--user=writer",
        "--scope=write",
        "--expires-in-days=30",
        stdout=out,
    )

    plaintext = out.getvalue().strip()
    policy = TokenPolicy.objects.get()
    assert policy.scope == "write"
    assert timedelta(days=29) < policy.expires_at - timezone.now() <= timedelta(days=30)
    assert plaintext not in policy.token.key_hash
    response = api(plaintext).get(f"/api/editorial/pages/{draft.pk}/workflow/")
    assert response.status_code == HTTPStatus.OK


def test_openapi_document_is_hidden_from_anonymous_visitors(db):
    assert (
        Client().get("/api/editorial/openapi.json").status_code == HTTPStatus.NOT_FOUND
    )
    assert Client().get("/api/editorial/docs/").status_code == HTTPStatus.NOT_FOUND


def test_openapi_document_can_be_made_public(db, settings):
    settings.EDITORIAL_API_DOCS_PUBLIC = True

    assert Client().get("/api/editorial/openapi.json").status_code == HTTPStatus.OK


def test_openapi_document_lists_the_editorial_operations(administrator):
    client = Client()
    client.force_login(administrator)

    schema = client.get("/api/editorial/openapi.json").json()

    operation_ids = {
        operation["operationId"]
        for path in schema["paths"].values()
        for operation in path.values()
    }
    assert {
        "editorial_save_draft",
        "editorial_workflow_submit",
        "editorial_workflow_approve",
        "editorial_workflow_reject",
        "editorial_workflow_cancel",
        "editorial_workflow_resubmit",
        "editorial_workflow_state",
        "editorial_inbox",
        "editorial_lock",
        "editorial_unlock",
        "editorial_revisions_diff",
        "editorial_history",
        "editorial_preview_token",
        "pages_actions_revert",
        "pages_create",
    } <= operation_ids
    assert "/api/editorial/pages/{page_id}/workflow/approve/" in schema["paths"]


def test_administrator_sets_scope_and_expiry_of_an_admin_made_token(
    administrator, writer
):
    token, _plaintext = APIToken.create_token(user=writer, name="from the admin")
    client = Client()
    client.force_login(administrator)

    response = client.post(
        "/admin/api-token-scopes/new/",
        {"token": token.pk, "scope": "write", "expires_at": "2030-01-01 12:00"},
    )

    assert response.status_code == HTTPStatus.FOUND, response.content[:2000]
    policy = TokenPolicy.objects.get(token=token)
    assert policy.scope == "write"
    assert policy.expires_at.year == 2030


def test_writer_cannot_open_the_token_scopes_screen(writer):
    client = Client()
    client.force_login(writer)

    response = client.get("/admin/api-token-scopes/")

    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}


def test_write_scoped_editor_token_cannot_publish(editor, draft):
    client = api(token_for(editor, "write"))

    via_action = client.post(f"/api/editorial/pages/{draft.pk}/actions/publish/")
    via_update = client.patch(
        f"/api/editorial/pages/{draft.pk}/",
        data=json.dumps({"meta": {"action": "publish"}, "title": "Out"}),
        content_type="application/json",
    )

    assert via_action.status_code == HTTPStatus.FORBIDDEN
    assert via_update.status_code == HTTPStatus.FORBIDDEN
    draft.refresh_from_db()
    assert not draft.live


def test_moderate_scoped_editor_token_publishes(editor, draft):
    response = api(token_for(editor, "moderate")).post(
        f"/api/editorial/pages/{draft.pk}/actions/publish/"
    )

    assert response.status_code == HTTPStatus.OK, response.content
    draft.refresh_from_db()
    assert draft.live
