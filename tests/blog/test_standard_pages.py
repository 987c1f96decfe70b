"""
Standard pages (About, Contact, Corrections policy): written by a writer,
approved by an editor, then on the site, in the sitemap and in ``find/``.
"""

import json
from http import HTTPStatus

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

from blog.models import StandardPage
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


def standard_form(title, slug, intro=""):
    return nested_form_data(
        {
            "title": title,
            "slug": slug,
            "intro": intro,
            "body": streamfield(
                [
                    ("heading", {"text": "How we correct", "level": "h2"}),
                    ("paragraph", rich_text("<p>We correct errors promptly.</p>")),
                    (
                        "details",
                        {
                            "question": "How do I report an error?",
                            "answer": rich_text("<p>Write to the desk.</p>"),
                        },
                    ),
                ]
            ),
            "social_image": "",
            "canonical_url": "",
            "comments": {
                "TOTAL_FORMS": 0,
                "INITIAL_FORMS": 0,
                "MIN_NUM_FORMS": 0,
                "MAX_NUM_FORMS": 1000,
            },
        }
    )


def add_url(parent):
    return reverse("wagtailadmin_pages:add", args=("blog", "standardpage", parent.pk))


def write_and_submit(client, writer, newsroom):
    login(client, writer)
    response = client.post(
        add_url(newsroom.home),
        standard_form(
            "Corrections policy", "corrections-policy", "How we fix mistakes."
        )
        | {"action-submit": "Submit"},
    )
    assert response.status_code == HTTPStatus.FOUND, response.content[:2000]
    client.logout()
    return StandardPage.objects.get(slug="corrections-policy")


def approve(client, editor, page):
    login(client, editor)
    state = page.current_workflow_task_state
    response = client.post(
        reverse(
            "wagtailadmin_pages:workflow_action", args=(page.pk, "approve", state.pk)
        ),
        {"comment": ""},
    )
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    client.logout()


def test_writers_standard_page_waits_for_an_editor(newsroom, writer, editor, client):
    page = write_and_submit(client, writer, newsroom)

    assert page.workflow_in_progress
    assert not page.live
    assert client.get("/corrections-policy/").status_code == HTTPStatus.NOT_FOUND

    approve(client, editor, page)

    page.refresh_from_db()
    assert page.live
    html = client.get("/corrections-policy/").content.decode()
    assert "How we fix mistakes." in html
    assert "<summary>How do I report an error?</summary>" in html


def test_writer_cannot_publish_a_standard_page(newsroom, writer, client):
    login(client, writer)
    client.post(
        add_url(newsroom.home),
        standard_form("About us", "about") | {"action-publish": "Publish"},
    )

    page = StandardPage.objects.get(slug="about")
    assert not page.live
    assert not page.get_latest_revision().approved_go_live_at


def test_find_gives_a_standard_page_with_its_typed_body(
    newsroom, writer, editor, client, django_capture_on_commit_callbacks
):
    page = write_and_submit(client, writer, newsroom)
    with django_capture_on_commit_callbacks(execute=True):
        approve(client, editor, page)

    response = client.get("/api/v1/find/", {"path": "/corrections-policy/"})

    assert response.status_code == HTTPStatus.OK
    document = response.json()
    assert document["type"] == "standard"
    assert document["intro"] == "How we fix mistakes."
    assert [block["type"] for block in document["body"]] == [
        "heading",
        "paragraph",
        "details",
    ]
    assert document["body"][2]["value"]["question"] == "How do I report an error?"
    assert "<summary>" in document["body_html"]


def test_a_draft_standard_page_is_not_found(newsroom, writer, client):
    write_and_submit(client, writer, newsroom)

    response = client.get("/api/v1/find/", {"path": "/corrections-policy/"})

    assert response.status_code == HTTPStatus.NOT_FOUND
    assert "Corrections policy" not in json.dumps(response.json())


def test_standard_pages_are_in_the_sitemap(newsroom, writer, editor, client):
    page = write_and_submit(client, writer, newsroom)
    approve(client, editor, page)

    sitemap = client.get("/sitemap.xml")
    content = (
        b"".join(sitemap.streaming_content) if sitemap.streaming else sitemap.content
    )

    assert b"/corrections-policy/" in content


def test_openapi_types_standard_pages_in_find(client, db):
    schemas = client.get("/api/v1/openapi.json").json()["components"]["schemas"]

    standard = schemas["StandardPageSchema"]
    assert standard["properties"]["type"]["const"] == "standard" or standard[
        "properties"
    ]["type"].get("enum") == ["standard"]
    assert "body" in standard["properties"]
