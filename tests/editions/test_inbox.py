"""The review inbox says which edition each item belongs to, when there is more than one."""

import pytest
from django.test import override_settings
from wagtail.models import WorkflowState

from tests.api.test_editorial_tokens import api, token_for
from tests.factories import TEST_PASSWORD

from .test_review import arabic_draft, login, writers_article  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db

ARABIC_LABEL = "العربية"


@pytest.fixture
def arabic_in_review(arabic_draft, writer, newsroom):  # noqa: F811
    arabic_draft.title = "حماة تستعد"
    arabic_draft.save_revision(user=writer)
    newsroom.workflow.start(arabic_draft, writer)
    return arabic_draft


def _awaiting_review_panel(client, editor):
    assert client.login(username=editor.username, password=TEST_PASSWORD)
    html = client.get("/admin/").content.decode()
    start = html.index('id="awaiting-review')
    return html[start:]


def test_the_review_inbox_marks_a_translation_with_its_edition(
    client, editor, arabic_in_review
):
    panel = _awaiting_review_panel(client, editor)

    assert "حماة تستعد" in panel
    assert ARABIC_LABEL in panel


@override_settings(WAGTAIL_CONTENT_LANGUAGES=[("en-gb", "English")])
def test_a_one_edition_newsroom_shows_no_edition_badges(
    client,
    editor,
    writer,
    writers_article,  # noqa: F811
    newsroom,
):
    writers_article.save_revision(user=writer)
    newsroom.workflow.start(writers_article, writer)

    panel = _awaiting_review_panel(client, editor)

    assert "Hama braces" in panel
    assert "w-status--label" not in panel


def test_a_writer_sees_the_edition_of_each_change_request(
    client, editor, writer, arabic_in_review
):
    state = arabic_in_review.current_workflow_task_state
    state.task.specific.on_action(state, editor, "reject", comment="المصدر؟")
    assert WorkflowState.objects.get(pk=state.workflow_state_id).status == (
        WorkflowState.STATUS_NEEDS_CHANGES
    )

    login(client, writer)
    html = client.get("/admin/").content.decode()
    requests = html[html.index('id="changes-requested') :]
    assert "حماة تستعد" in requests
    assert ARABIC_LABEL in requests


def test_the_editorial_api_inbox_names_each_items_edition(editor, arabic_in_review):
    response = api(token_for(editor, "read")).get("/api/editorial/inbox/")

    items = response.json()
    assert [(item["page_id"], item["locale"]) for item in items] == [
        (arabic_in_review.pk, "ar")
    ]
