"""
Malformed request bodies get a 400 or 415 problem written for the client, never a 500.

Uploads (Wagtail's own image and document routes), page writes and readers'
comments are sent bodies a careless or hostile client might send: multipart
without a boundary or cut short, an unknown charset, JSON with a byte-order
mark, numbers no database can hold.
"""

from http import HTTPStatus

import pytest
from django.test import Client

from tests.api.test_editorial_tokens import PROBLEM_JSON, token_for
from tests.factories import ArticlePageFactory

UPLOADS = ["/api/editorial/images/", "/api/editorial/documents/"]
# Words of Python's and Django's parsers that must never reach a client.
INTERNAL_WORDS = ("Traceback", "boundary in multipart: None", "Exception", "Error(")


@pytest.fixture
def editor_api(editor):
    return Client(HTTP_AUTHORIZATION=f"Bearer {token_for(editor, 'moderate')}")


def assert_refused_for_the_client(response, *statuses):
    assert response.status_code in statuses, response.content
    assert response["Content-Type"] == PROBLEM_JSON
    problem = response.json()
    assert problem["status"] == response.status_code
    assert problem["detail"]
    for word in INTERNAL_WORDS:
        assert word not in problem["detail"]


@pytest.mark.parametrize("path", UPLOADS)
def test_upload_without_a_multipart_boundary_is_a_bad_request(editor_api, path):
    response = editor_api.generic(
        "POST",
        path,
        b"--x\r\nContent-Disposition: form-data; name=title\r\n\r\nHi\r\n--x--\r\n",
        content_type="multipart/form-data",
    )

    assert_refused_for_the_client(response, HTTPStatus.BAD_REQUEST)
    assert "multipart" in response.json()["detail"]


@pytest.mark.parametrize("path", UPLOADS)
def test_upload_with_a_broken_boundary_is_a_bad_request(editor_api, path):
    response = editor_api.generic(
        "POST",
        path,
        b"whatever",
        content_type="multipart/form-data; boundary=\x00\x01",
    )

    assert_refused_for_the_client(response, HTTPStatus.BAD_REQUEST)


@pytest.mark.parametrize("path", UPLOADS)
def test_truncated_multipart_upload_is_refused_without_a_server_error(editor_api, path):
    body = (
        b"--cut\r\nContent-Disposition: form-data; name=file; filename=a.png\r\n"
        b"Content-Type: image/png\r\n\r\n\x89PNG\r\n"
    )
    response = editor_api.generic(
        "POST", path, body, content_type="multipart/form-data; boundary=cut"
    )

    # Cut before its closing boundary: the file never arrived.
    assert_refused_for_the_client(
        response, HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY
    )


@pytest.mark.parametrize("path", UPLOADS)
def test_upload_in_an_unknown_charset_is_refused_without_a_server_error(
    editor_api, path
):
    body = b"--b\r\nContent-Disposition: form-data; name=title\r\n\r\n\xff\xfe\r\n--b--\r\n"
    response = editor_api.generic(
        "POST",
        path,
        body,
        content_type="multipart/form-data; boundary=b; charset=klingon",
    )

    assert_refused_for_the_client(
        response, HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY
    )


def test_page_write_as_json_with_a_byte_order_mark_is_a_bad_request(editor_api):
    response = editor_api.generic(
        "POST",
        "/api/editorial/pages/",
        b'\xef\xbb\xbf{"title": "x"}',
        content_type="application/json",
    )

    assert_refused_for_the_client(response, HTTPStatus.BAD_REQUEST)


def test_page_write_with_a_number_past_any_database_integer_is_refused(
    editor_api, newsroom
):
    response = editor_api.generic(
        "POST",
        "/api/editorial/pages/",
        b'{"meta": {"type": "blog.ArticlePage", "parent_id": '
        + b"9" * 40
        + b'}, "title": "x"}',
        content_type="application/json",
    )

    # No such parent: the number is read, and found to name nothing.
    assert_refused_for_the_client(
        response,
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.NOT_FOUND,
        HTTPStatus.UNPROCESSABLE_ENTITY,
    )


def test_page_write_with_a_number_too_long_to_read_is_a_bad_request(editor_api):
    response = editor_api.generic(
        "POST",
        "/api/editorial/pages/",
        b'{"title": ' + b"9" * 5000 + b"}",
        content_type="application/json",
    )

    assert_refused_for_the_client(response, HTTPStatus.BAD_REQUEST)


def test_page_write_in_a_charset_json_cannot_be_is_refused(editor_api):
    response = editor_api.generic(
        "POST",
        "/api/editorial/pages/",
        '{"title": "é"}'.encode("latin-1"),
        content_type="application/json; charset=latin-1",
    )

    assert_refused_for_the_client(
        response,
        HTTPStatus.BAD_REQUEST,
        HTTPStatus.UNSUPPORTED_MEDIA_TYPE,
        HTTPStatus.UNPROCESSABLE_ENTITY,
    )


@pytest.mark.parametrize(
    "body",
    [b"-9.697019610436943e+145", b"[]", b'"a page"', b"null", b"true"],
    ids=["number", "array", "string", "null", "boolean"],
)
@pytest.mark.parametrize(
    "method, path", [("POST", "/api/editorial/pages/"), ("PATCH", "page")]
)
def test_page_write_whose_json_is_not_an_object_is_a_bad_request(
    editor_api, newsroom, method, path, body
):
    if path == "page":
        path = f"/api/editorial/pages/{ArticlePageFactory(parent=newsroom.news).pk}/"
    response = editor_api.generic(method, path, body, content_type="application/json")

    assert_refused_for_the_client(response, HTTPStatus.BAD_REQUEST)


@pytest.fixture
def live_article(newsroom, rebuild):
    article = ArticlePageFactory(parent=newsroom.news)
    rebuild()
    return article


@pytest.mark.parametrize(
    "body",
    [
        b'\xef\xbb\xbf{"name": "A", "email": "a@example.com", "body": "Hi"}',
        b'{"name": "A", "email": "a@example.com", "body": "Hi", "parent_id": '
        + b"9" * 40
        + b"}",
        b'{"name": "A", "email": "a@example.com", "body": "Hi", "parent_id": '
        + b"9" * 5000
        + b"}",
        b'{"name": "A", "email": "a@',
    ],
    ids=["byte-order-mark", "huge-parent-id", "unreadable-number", "truncated"],
)
def test_comment_with_a_malformed_body_is_refused(client, live_article, body):
    response = client.generic(
        "POST",
        f"/api/v1/articles/{live_article.pk}/comments/",
        body,
        content_type="application/json",
    )

    assert_refused_for_the_client(
        response, HTTPStatus.BAD_REQUEST, HTTPStatus.UNPROCESSABLE_ENTITY
    )


def test_comment_sent_as_multipart_without_a_boundary_is_refused(client, live_article):
    response = client.generic(
        "POST",
        f"/api/v1/articles/{live_article.pk}/comments/",
        b"name=A",
        content_type="multipart/form-data",
    )

    assert_refused_for_the_client(
        response, HTTPStatus.BAD_REQUEST, HTTPStatus.UNSUPPORTED_MEDIA_TYPE
    )
