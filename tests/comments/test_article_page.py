"""The server-rendered article page: threaded approved comments, replies and the form."""

from http import HTTPStatus

from django.test import override_settings

from blog.models import ReaderComment

Status = ReaderComment.Status


def test_page_shows_only_approved_comments_threaded(client, article, approved):
    first = approved("The first approved comment", name="Layla")
    approved("A reply to Layla", parent=first, name="Omar")
    approved("Still waiting", status=Status.PENDING)
    approved("Spam pills", status=Status.SPAM)
    approved("A rejected reply", parent=first, status=Status.REJECTED)

    html = client.get(article.url).content.decode()

    assert "2 comments" in html
    assert "The first approved comment" in html
    assert "Still waiting" not in html
    assert "Spam pills" not in html
    assert "A rejected reply" not in html
    # The reply sits inside its parent's list item, in a nested list.
    parent_item = html[html.index(f'id="comment-{first.pk}"') :]
    nested = parent_item[: parent_item.index("</li>")]
    assert 'class="comment__replies"' in nested
    assert "A reply to Layla" in nested


def test_each_comment_has_a_reply_link_that_fills_in_the_form(
    client, article, approved
):
    comment = approved("Worth answering", name="Layla")

    html = client.get(article.url).content.decode()
    assert f'href="?replytocom={comment.pk}#reply"' in html

    reply_form = client.get(article.url, {"replytocom": comment.pk}).content.decode()
    assert "Reply to Layla" in reply_form
    assert f'name="parent" value="{comment.pk}"' in reply_form


def test_reader_replies_through_the_page_form(client, article, approved):
    comment = approved("Worth answering")

    response = client.post(
        article.url,
        {
            "name": "Omar",
            "email": "omar@reader.example",
            "body": "Answering you.",
            "parent": comment.pk,
        },
        REMOTE_ADDR="198.51.100.20",
    )

    assert response.status_code == HTTPStatus.FOUND
    reply = ReaderComment.objects.get(name="Omar")
    assert reply.parent == comment
    assert reply.status == Status.PENDING
    assert reply.ip_address == "198.51.100.20"


def test_page_refuses_a_reply_to_an_unapproved_comment(client, article, approved):
    waiting = approved("Not yet", status=Status.PENDING)

    response = client.post(
        article.url,
        {
            "name": "Omar",
            "email": "omar@reader.example",
            "body": "Sneaky.",
            "parent": waiting.pk,
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert "only reply to a published comment" in response.content.decode()
    assert not ReaderComment.objects.filter(name="Omar").exists()


def test_page_files_honeypot_comments_as_spam(client, article):
    client.post(
        article.url,
        {
            "name": "Bot",
            "email": "bot@spam.example",
            "body": "Cheap pills.",
            "website_confirm": "yes",
        },
    )

    assert ReaderComment.objects.get().status == Status.SPAM


@override_settings(COMMENT_RATE_LIMIT="1/10min")
def test_page_slows_down_a_reader_posting_too_often(client, article):
    data = {"name": "Omar", "email": "omar@reader.example", "body": "One."}
    assert client.post(article.url, data).status_code == HTTPStatus.FOUND

    response = client.post(article.url, {**data, "body": "Two."})

    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert int(response["Retry-After"]) > 0
    assert "commenting too quickly" in response.content.decode()
    assert ReaderComment.objects.count() == 1
