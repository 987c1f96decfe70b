"""Editors moderate reader comments in the Wagtail admin; writers cannot."""

import re
from html import unescape as html_unescape
from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.models import ModelLogEntry

from blog.models import ReaderComment

Status = ReaderComment.Status
QUEUE = "/admin/snippets/blog/readercomment/"


def bulk_url(action, *comments, next_url=QUEUE):
    url = reverse("wagtail_bulk_action", args=("blog", "readercomment", action))
    ids = "&".join(f"id={comment.pk}" for comment in comments)
    return f"{url}?{ids}&next={next_url}"


@pytest.fixture
def pending(article, approved):
    """Three comments awaiting moderation."""
    return [
        approved(f"Pending comment {n}", name=f"Reader{n}", status=Status.PENDING)
        for n in range(3)
    ]


def _statuses(comments):
    return [ReaderComment.objects.get(pk=comment.pk).status for comment in comments]


@pytest.mark.parametrize(
    ("action", "status"),
    [("approve", Status.APPROVED), ("reject", Status.REJECTED), ("spam", Status.SPAM)],
)
def test_editor_moderates_comments_in_bulk(client, editor, pending, action, status):
    client.force_login(editor)

    confirm = client.get(bulk_url(action, *pending[:2]))
    assert confirm.status_code == HTTPStatus.OK
    assert "Pending comment 0" in confirm.content.decode()

    response = client.post(bulk_url(action, *pending[:2]))

    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"] == QUEUE
    assert _statuses(pending) == [status, status, Status.PENDING]
    decided = ReaderComment.objects.get(pk=pending[0].pk)
    assert decided.moderated_by == editor
    assert decided.moderated_at is not None


def test_administrator_may_moderate(client, administrator, pending):
    client.force_login(administrator)

    client.post(bulk_url("approve", pending[0]))

    assert _statuses(pending[:1]) == [Status.APPROVED]


@pytest.mark.parametrize("action", ["approve", "reject", "spam"])
def test_writer_cannot_moderate_comments(client, writer, pending, action):
    client.force_login(writer)

    assert client.get(bulk_url(action, *pending)).status_code != HTTPStatus.OK
    client.post(bulk_url(action, *pending))

    assert _statuses(pending) == [Status.PENDING] * 3


def test_writer_cannot_see_the_moderation_queue(client, writer, pending):
    client.force_login(writer)

    response = client.get(QUEUE)

    assert response.status_code in {HTTPStatus.FOUND, HTTPStatus.FORBIDDEN}
    assert b"Pending comment" not in response.content


def test_writer_cannot_approve_by_editing_a_comment(client, writer, pending):
    client.force_login(writer)
    comment = pending[0]

    client.post(
        f"{QUEUE}edit/{comment.pk}/",
        {
            "name": comment.name,
            "email": comment.email,
            "body": comment.body,
            "status": Status.APPROVED,
        },
    )

    assert _statuses([comment]) == [Status.PENDING]


def test_moderation_is_recorded_in_the_comment_history(client, editor, pending):
    client.force_login(editor)

    client.post(bulk_url("spam", pending[0]))

    entry = ModelLogEntry.objects.get(object_id=str(pending[0].pk))
    assert entry.action == "blog.comment.spam"
    assert entry.user == editor


def test_queue_lists_pending_comments_first_with_article_excerpt_name_and_date(
    client, editor, article, approved
):
    older_pending = approved(
        "Waiting since yesterday", name="Omar", status=Status.PENDING
    )
    approved("Already approved and newer", name="Nadia")
    client.force_login(editor)

    response = client.get(QUEUE)

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert html.index("Waiting since yesterday") < html.index("Already approved")
    assert article.title in html
    assert "Omar" in html
    assert "Submitted" in html
    assert older_pending.created_at.isoformat()[:10] in html


def test_queue_offers_single_comment_actions(client, editor, pending):
    client.force_login(editor)

    html = client.get(QUEUE).content.decode()

    for action in ("approve", "reject", "spam"):
        url = reverse("wagtail_bulk_action", args=("blog", "readercomment", action))
        assert f"{url}?id={pending[0].pk}" in html


def test_queue_filters_by_status(client, editor, pending, approved):
    approved("Visible to readers", name="Nadia")
    client.force_login(editor)

    html = client.get(QUEUE, {"status": Status.PENDING}).content.decode()

    assert "Pending comment 1" in html
    assert "Visible to readers" not in html


def test_dashboard_counts_comments_awaiting_moderation(client, editor, pending):
    client.force_login(editor)

    html = client.get("/admin/").content.decode()

    assert "3 reader comments awaiting moderation" in html


def test_dashboard_hides_the_count_from_writers(client, writer, pending):
    client.force_login(writer)

    html = client.get("/admin/").content.decode()

    assert "awaiting moderation" not in html


def test_editor_approving_in_the_edit_form_is_recorded(client, editor, pending):
    comment = pending[0]
    client.force_login(editor)

    response = client.post(
        f"{QUEUE}edit/{comment.pk}/",
        {
            "name": comment.name,
            "email": comment.email,
            "website": "",
            "body": comment.body,
            "status": Status.APPROVED,
        },
    )

    assert response.status_code == HTTPStatus.FOUND
    comment.refresh_from_db()
    assert comment.status == Status.APPROVED
    assert comment.moderated_by == editor
    assert ModelLogEntry.objects.filter(
        object_id=str(comment.pk), action="blog.comment.approve"
    ).exists()


def _one_click_forms(html):
    """The row's Approve/Reject forms: (action URL, button label) pairs."""
    return re.findall(
        r'<form method="post" action="([^"]+)">.*?<button[^>]*>([^<]+)</button>',
        html,
        re.S,
    )


def test_editor_approves_a_comment_with_one_click_from_the_queue(
    client, editor, pending
):
    client.force_login(editor)
    html = client.get(QUEUE).content.decode()

    forms = _one_click_forms(html)
    approve = next(
        html_unescape(url)
        for url, label in forms
        if label == "Approve" and f"id={pending[1].pk}&" in html_unescape(url)
    )
    assert f'aria-label="Approve the comment by {pending[1].name}"' in html
    response = client.post(approve)  # the button's form: no confirmation page

    assert response.status_code == HTTPStatus.FOUND
    assert _statuses(pending) == [Status.PENDING, Status.APPROVED, Status.PENDING]


def test_bulk_bar_counts_comments_not_snippets(client, editor, pending):
    client.force_login(editor)
    html = client.get(QUEUE).content.decode()

    assert 'data-bulk-action-footer="BLOG.READERCOMMENT"' in html
    assert "1 reader comment selected" in html_unescape(html)
    assert "%(objects)s reader comments selected" in html_unescape(html)
    assert "js/bulk-count.js" in html
