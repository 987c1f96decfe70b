"""Readers post comments and replies through the Delivery API; spam stays out."""

from http import HTTPStatus

import pytest
from django.test import override_settings

from blog.models import ReaderComment
from cms.httpcache.caching import generation
from tests.factories import ArticlePageFactory

PROBLEM_JSON = "application/problem+json"


def _reasons(response):
    return {
        param["name"]: param["reason"] for param in response.json()["invalid_params"]
    }


def test_comment_is_held_for_moderation_with_a_receipt(article, post_comment):
    response = post_comment(article.pk)

    assert response.status_code == HTTPStatus.ACCEPTED
    receipt = response.json()
    comment = ReaderComment.objects.get()
    assert receipt == {
        "id": comment.pk,
        "article_id": article.pk,
        "parent_id": None,
        "status": "pending",
        "detail": "Thank you. Your comment will appear once an editor approves it.",
    }
    assert comment.status == ReaderComment.Status.PENDING
    assert comment.email == "layla@reader.example"
    assert comment.ip_address == "198.51.100.7"


def test_receipt_never_shows_the_email_or_address(article, post_comment):
    response = post_comment(article.pk)

    assert b"layla@reader.example" not in response.content
    assert b"198.51.100.7" not in response.content


def test_posting_is_never_cacheable(article, post_comment):
    response = post_comment(article.pk)

    assert response["Cache-Control"] == "no-store"
    assert "ETag" not in response


def test_posting_is_not_answered_from_the_response_cache(client, article, post_comment):
    listing = client.get(f"/api/v1/articles/{article.pk}/comments/")
    assert listing.status_code == HTTPStatus.OK

    first = post_comment(article.pk, body="First thought.")
    second = post_comment(article.pk, body="Second thought.")

    assert first.json()["id"] != second.json()["id"]
    assert ReaderComment.objects.count() == 2


def test_held_comment_leaves_cached_responses_alone(article, post_comment, committed):
    before = generation()

    with committed():
        post_comment(article.pk)

    assert generation() == before


def test_honeypot_comment_is_filed_as_spam_without_telling_the_bot(
    article, post_comment
):
    response = post_comment(article.pk, website_confirm="http://cheap.example")

    assert response.status_code == HTTPStatus.ACCEPTED
    assert ReaderComment.objects.get().status == ReaderComment.Status.SPAM


@override_settings(COMMENT_MAX_LINKS=2)
def test_comment_with_too_many_links_is_refused(article, post_comment):
    body = "See https://a.example and http://b.example and www.c.example"

    response = post_comment(article.pk, body=body)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert response["Content-Type"] == PROBLEM_JSON
    assert "at most 2 links" in _reasons(response)["body"]
    assert not ReaderComment.objects.exists()


def test_comment_with_two_links_is_accepted(article, post_comment):
    body = "Compare https://a.example with https://b.example please."

    assert post_comment(article.pk, body=body).status_code == HTTPStatus.ACCEPTED


def test_too_long_comment_is_refused(article, post_comment):
    response = post_comment(article.pk, body="x" * 5001)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "5000" in _reasons(response)["body"]
    assert not ReaderComment.objects.exists()


def test_invalid_email_is_refused(article, post_comment):
    response = post_comment(article.pk, email="not-an-address")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "email" in _reasons(response)


def test_blank_comment_is_refused(article, post_comment):
    response = post_comment(article.pk, body="   ")

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "body" in _reasons(response)


def test_missing_fields_are_a_bad_request(client, article):
    response = client.post(
        f"/api/v1/articles/{article.pk}/comments/",
        {"name": "Layla"},
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON
    assert {"email", "body"} <= set(_reasons(response))


def test_malformed_json_is_a_bad_request(client, article):
    response = client.post(
        f"/api/v1/articles/{article.pk}/comments/",
        "{not json",
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response["Content-Type"] == PROBLEM_JSON


def test_same_comment_twice_is_a_conflict(article, post_comment):
    assert post_comment(article.pk).status_code == HTTPStatus.ACCEPTED

    again = post_comment(article.pk)

    assert again.status_code == HTTPStatus.CONFLICT
    assert again["Content-Type"] == PROBLEM_JSON
    assert ReaderComment.objects.count() == 1


def test_unknown_article_is_not_found(db, post_comment):
    response = post_comment(999_999)

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert response["Content-Type"] == PROBLEM_JSON


def test_draft_article_takes_no_comments(newsroom, post_comment, committed):
    with committed():
        draft = ArticlePageFactory(parent=newsroom.news, live=False)

    assert post_comment(draft.pk).status_code == HTTPStatus.NOT_FOUND
    assert not ReaderComment.objects.exists()


def test_unpublished_article_takes_no_comments(article, post_comment, committed):
    with committed():
        article.unpublish()

    assert post_comment(article.pk).status_code == HTTPStatus.NOT_FOUND


@override_settings(COMMENT_RATE_LIMIT="3/10min")
def test_too_many_comments_from_one_address_get_429(article, post_comment):
    for number in range(3):
        response = post_comment(article.pk, body=f"Comment {number}")
        assert response.status_code == HTTPStatus.ACCEPTED

    response = post_comment(article.pk, body="One more")

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Content-Type"] == PROBLEM_JSON
    assert 0 < int(response["Retry-After"]) <= 600
    assert response["Cache-Control"] == "no-store"
    assert ReaderComment.objects.count() == 3
    # Another reader is not held back by the first one's limit.
    other = post_comment(article.pk, remote_addr="192.0.2.44", body="Hello")
    assert other.status_code == HTTPStatus.ACCEPTED


@override_settings(COMMENT_RATE_LIMIT="2/10min")
def test_refused_attempts_count_against_the_limit(article, post_comment):
    post_comment(article.pk, email="bad")
    post_comment(article.pk, email="bad")

    assert post_comment(article.pk).status_code == HTTPStatus.TOO_MANY_REQUESTS


def test_reply_is_threaded_under_its_parent(article, post_comment, approved):
    parent = approved()

    response = post_comment(article.pk, parent_id=parent.pk, body="I agree.")

    assert response.status_code == HTTPStatus.ACCEPTED
    assert response.json()["parent_id"] == parent.pk
    reply = ReaderComment.objects.get(pk=response.json()["id"])
    assert reply.parent == parent
    assert reply.status == ReaderComment.Status.PENDING


def test_reply_to_a_comment_on_another_article_is_refused(
    article, other_article, post_comment, approved
):
    elsewhere = approved(on=other_article)

    response = post_comment(article.pk, parent_id=elsewhere.pk)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "parent_id" in _reasons(response)
    assert ReaderComment.objects.count() == 1


@pytest.mark.parametrize(
    "status",
    [
        ReaderComment.Status.PENDING,
        ReaderComment.Status.REJECTED,
        ReaderComment.Status.SPAM,
    ],
)
def test_reply_to_an_unapproved_comment_is_refused(
    article, post_comment, approved, status
):
    hidden = approved(status=status)

    response = post_comment(article.pk, parent_id=hidden.pk)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "parent_id" in _reasons(response)


def test_reply_to_a_missing_comment_is_refused(article, post_comment):
    response = post_comment(article.pk, parent_id=424242)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY


def test_threads_stop_at_five_levels(article, post_comment, approved):
    comment = approved()
    for level in range(4):
        comment = approved(f"Level {level + 2}", parent=comment)

    response = post_comment(article.pk, parent_id=comment.pk)

    assert response.status_code == HTTPStatus.UNPROCESSABLE_ENTITY
    assert "too deep" in _reasons(response)["parent_id"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://www.newsroom.example"])
def test_frontend_origin_may_post_after_a_preflight(client, article, post_comment):
    url = f"/api/v1/articles/{article.pk}/comments/"

    preflight = client.options(
        url,
        headers={
            "Origin": "https://www.newsroom.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type",
        },
    )

    assert preflight.status_code == HTTPStatus.OK
    assert preflight["Access-Control-Allow-Origin"] == "https://www.newsroom.example"
    assert "POST" in preflight["Access-Control-Allow-Methods"]
    assert "content-type" in preflight["Access-Control-Allow-Headers"]
    response = client.post(
        url,
        {"name": "Layla", "email": "layla@reader.example", "body": "Hi"},
        content_type="application/json",
        headers={"Origin": "https://www.newsroom.example"},
    )
    assert response.status_code == HTTPStatus.ACCEPTED
    assert response["Access-Control-Allow-Origin"] == "https://www.newsroom.example"


@override_settings(CORS_ALLOWED_ORIGINS=["https://www.newsroom.example"])
def test_other_origins_get_no_cors_grant(client, article):
    preflight = client.options(
        f"/api/v1/articles/{article.pk}/comments/",
        headers={
            "Origin": "https://evil.example",
            "Access-Control-Request-Method": "POST",
        },
    )

    assert "Access-Control-Allow-Origin" not in preflight


@override_settings(DATA_UPLOAD_MAX_MEMORY_SIZE=10_000)
def test_oversized_request_is_refused_not_a_server_error(client, article):
    response = client.post(
        f"/api/v1/articles/{article.pk}/comments/",
        '{"body": "' + "x" * 20_000 + '"}',
        content_type="application/json",
    )

    assert response.status_code == HTTPStatus.REQUEST_ENTITY_TOO_LARGE
    assert response["Content-Type"] == PROBLEM_JSON
    assert not ReaderComment.objects.exists()
