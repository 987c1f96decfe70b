"""Approved comments in the Delivery API: threaded, paged, cached, and at once after approval."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from blog.models import ReaderComment

Status = ReaderComment.Status


def comments_url(article, **query):
    url = f"/api/v1/articles/{article.pk}/comments/"
    if query:
        url += "?" + "&".join(f"{key}={value}" for key, value in query.items())
    return url


def _thread(approved, number, *, replies=2, depth=3):
    """One top-level comment with ``replies`` replies, each ``depth`` levels deep."""
    top = approved(f"Top {number}", name=f"Top{number}")
    for branch in range(replies):
        parent = top
        for level in range(2, depth + 1):
            parent = approved(
                f"Reply {number}.{branch}.{level}", parent=parent, name="Replier"
            )
    return top


def test_lists_approved_comments_with_replies_nested(client, article, approved):
    first = approved("First!", name="Layla")
    reply = approved("Replying to Layla", parent=first, name="Omar")
    approved("Reply to the reply", parent=reply, name="Nadia")
    approved("Second top-level", name="Sami")

    response = client.get(comments_url(article))

    assert response.status_code == HTTPStatus.OK
    data = response.json()
    assert data["count"] == 2
    assert data["comment_count"] == 4
    assert [comment["body"] for comment in data["results"]] == [
        "First!",
        "Second top-level",
    ]
    nested = data["results"][0]["replies"]
    assert [comment["name"] for comment in nested] == ["Omar"]
    assert nested[0]["parent_id"] == first.pk
    assert nested[0]["replies"][0]["body"] == "Reply to the reply"
    assert data["results"][1]["replies"] == []


def test_unapproved_comments_never_appear(client, article, approved):
    shown = approved("Approved one")
    approved("Waiting", status=Status.PENDING)
    approved("Rejected", status=Status.REJECTED)
    approved("Buy pills", status=Status.SPAM)
    approved("Waiting reply", parent=shown, status=Status.PENDING)
    hidden_parent = approved("Rejected parent", status=Status.REJECTED)
    approved("Approved reply to a rejected comment", parent=hidden_parent)

    body = client.get(comments_url(article)).content.decode()

    assert "Approved one" in body
    for text in ("Waiting", "Rejected", "Buy pills", "to a rejected comment"):
        assert text not in body


def test_listing_is_paged_by_top_level_comment(client, article, approved):
    for number in range(5):
        _thread(approved, number, replies=1, depth=2)

    page = client.get(comments_url(article, limit=2, offset=2)).json()

    assert page["count"] == 5
    assert [comment["body"] for comment in page["results"]] == ["Top 2", "Top 3"]
    assert page["results"][0]["replies"][0]["body"] == "Reply 2.0.2"
    assert page["next"].endswith(comments_url(article, offset=4, limit=2))
    assert page["previous"].endswith(comments_url(article, limit=2))
    last = client.get(comments_url(article, limit=2, offset=4)).json()
    assert last["next"] is None
    assert [comment["body"] for comment in last["results"]] == ["Top 4"]


@pytest.mark.parametrize("query", ["limit=0", "limit=101", "offset=-1", "page=2"])
def test_bad_paging_is_a_bad_request(client, article, query):
    response = client.get(comments_url(article) + "?" + query)

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == "application/problem+json"


def test_comments_of_a_draft_or_unknown_article_are_not_found(
    client, newsroom, committed
):
    from tests.factories import ArticlePageFactory

    with committed():
        draft = ArticlePageFactory(parent=newsroom.news, live=False)

    assert client.get(comments_url(draft)).status_code == HTTPStatus.NOT_FOUND
    assert (
        client.get("/api/v1/articles/999999/comments/").status_code
        == HTTPStatus.NOT_FOUND
    )


def test_listing_carries_validators_and_revalidates(client, article, approved):
    approved()
    first = client.get(comments_url(article))

    assert first["ETag"]
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get(comments_url(article), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == HTTPStatus.NOT_MODIFIED


def _uncached_queries(client, article, django_assert_max_num_queries, limit):
    from django.core.cache import cache

    cache.clear()
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(comments_url(article, limit=100))
    assert response.status_code == HTTPStatus.OK
    return len(captured), response.json()


def test_query_count_does_not_grow_with_the_discussion(
    client, article, approved, django_assert_max_num_queries
):
    for number in range(2):
        _thread(approved, number)
    few, small = _uncached_queries(client, article, django_assert_max_num_queries, 8)

    for number in range(2, 40):
        _thread(approved, number)
    many, large = _uncached_queries(client, article, django_assert_max_num_queries, 8)

    assert few > 0
    assert small["comment_count"] == 2 * 5
    assert large["comment_count"] == 40 * 5
    assert many == few


def test_approval_in_the_admin_shows_on_the_next_request(
    client, editor, article, approved, committed
):
    waiting = approved("Worth the wait", status=Status.PENDING)
    assert client.get(comments_url(article)).json()["count"] == 0
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["comment_count"] == 0
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=("blog", "readercomment", "approve"))

    with committed():
        client.post(f"{url}?id={waiting.pk}")

    client.logout()
    listing = client.get(comments_url(article)).json()
    assert [comment["body"] for comment in listing["results"]] == ["Worth the wait"]
    detail = client.get(f"/api/v1/articles/{article.pk}/").json()
    assert detail["comment_count"] == 1
    assert detail["comments"][0]["body"] == "Worth the wait"


def test_withdrawn_approval_disappears_on_the_next_request(
    client, editor, article, approved, committed
):
    with committed():
        shown = approved("Second thoughts")
    assert client.get(comments_url(article)).json()["count"] == 1
    client.force_login(editor)
    url = reverse("wagtail_bulk_action", args=("blog", "readercomment", "reject"))

    with committed():
        client.post(f"{url}?id={shown.pk}")

    assert client.get(comments_url(article)).json()["count"] == 0
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["comment_count"] == 0


def test_deleting_an_approved_comment_shows_at_once(
    client, article, approved, committed
):
    with committed():
        shown = approved("Regrettable")
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["comment_count"] == 1

    with committed():
        ReaderComment.objects.get(pk=shown.pk).delete()

    assert client.get(comments_url(article)).json()["count"] == 0
    assert client.get(f"/api/v1/articles/{article.pk}/").json()["comment_count"] == 0


def test_many_approvals_in_one_transaction_render_the_article_once(
    article, approved, committed, monkeypatch
):
    from cms.publishing import signal_handlers as handlers

    calls = []
    real = handlers.refresh_pages
    monkeypatch.setattr(
        handlers, "refresh_pages", lambda ids: calls.append(ids) or real(ids)
    )

    with committed():
        for number in range(10):
            approved(f"Imported {number}")

    assert calls == [[article.pk]]
