"""The review loop in the newsroom's words: writers withdraw and resubmit, not "cancel workflows"."""

import re
from http import HTTPStatus
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from tests.admin_forms import article_form_data
from tests.factories import TEST_PASSWORD, ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


def edit_url(page):
    return reverse("wagtailadmin_pages:edit", args=(page.pk,))


def action_labels(html):
    """The labels of the editor's footer actions (the Save draft drop-up)."""
    return {
        " ".join(re.sub(r"<[^>]+>", " ", label).split())
        for label in re.findall(
            r'<button[^>]*name="action-[^"]*"[^>]*>(.*?)</button>', html, re.S
        )
    }


@pytest.fixture
def submitted(newsroom, writer, client):
    """The writer's article, submitted for review from the editor."""
    author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    article = ArticlePageFactory(parent=newsroom.news, title="Hama", owner=writer)
    login(client, writer)
    form = article_form_data("Hama", paragraphs=["Ready."], authors=[author])
    response = client.post(edit_url(article), form | {"action-submit": "Submit"})
    assert response.status_code == HTTPStatus.FOUND
    article.refresh_from_db()
    assert article.workflow_in_progress
    return article, form


def test_writer_can_withdraw_a_submission_from_review(submitted, client):
    article, form = submitted

    labels = action_labels(client.get(edit_url(article)).content.decode())
    assert "Withdraw from review" in labels
    assert not {"Cancel workflow", "Restart workflow"} & labels

    response = client.post(
        edit_url(article), form | {"action-cancel-workflow": "Withdraw"}, follow=True
    )
    page = response.content.decode()
    assert "&#x27;Hama&#x27; has been withdrawn from review." in page
    assert "Workflow on page" not in page
    article.refresh_from_db()
    assert not article.workflow_in_progress


def test_writer_is_offered_one_way_to_resubmit_requested_changes(
    submitted, editor, writer, client
):
    article, _form = submitted
    client.logout()
    login(client, editor)
    state = article.current_workflow_task_state
    client.post(
        reverse(
            "wagtailadmin_pages:workflow_action",
            args=(article.pk, "reject", state.pk),
        ),
        {"comment": "Name the source."},
    )
    client.logout()
    login(client, writer)

    labels = action_labels(client.get(edit_url(article)).content.decode())

    assert "Resubmit to Editor approval" in labels
    assert "Withdraw from review" in labels
    assert not any("from the start" in label for label in labels)
    assert not any("workflow" in label.lower() for label in labels)


def test_compiled_catalog_says_what_the_catalog_file_says():
    """`make messages` was run after the last edit of locale/en/.../django.po."""
    entries = re.findall(
        r'^msgid ((?:".*"\n)+)msgstr ((?:".*"\n)+)', CATALOG.read_text(), re.M
    )

    def joined(lines):
        return "".join(re.findall(r'^"(.*)"$', lines, re.M))

    pairs = [(joined(msgid), joined(msgstr)) for msgid, msgstr in entries]
    pairs = [(msgid, msgstr) for msgid, msgstr in pairs if msgid]
    assert pairs
    with translation.override(settings.LANGUAGE_CODE):
        for msgid, msgstr in pairs:
            assert gettext(msgid) == msgstr
