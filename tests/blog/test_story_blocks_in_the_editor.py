"""
A writer builds every story block in the Wagtail editor and submits the
article; once an editor approves it, readers and the Delivery API see them.
"""

import json
from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.documents.models import Document
from wagtail.models import Collection
from wagtail.test.utils.form_data import rich_text

from blog.models import ArticlePage
from tests.admin_forms import article_form_data, list_block
from tests.factories import TEST_PASSWORD, ImageFactory

pytestmark = pytest.mark.django_db


def login(client, user):
    assert client.login(username=user.username, password=TEST_PASSWORD)


def test_writer_builds_each_story_block_and_it_is_published_on_approval(
    newsroom, writer, editor, client, django_capture_on_commit_callbacks
):
    first, second = ImageFactory(), ImageFactory()
    report = Document.objects.create(
        title="Audit report", file=ContentFile(b"%PDF-1.4\n", name="audit.pdf")
    )
    table = {
        "data": [["Ward", "Turnout"], ["North", "61%"]],
        "table_caption": "Turnout by ward",
        "table_header_choice": "row",
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "cell": [{"row": 1, "col": 1, "className": "htRight"}],
    }
    blocks = [
        ("table", json.dumps(table)),
        ("code", {"language": "", "code": "  Ward   Votes\n  North  1,204"}),
        (
            "gallery",
            {
                "title": "Count night",
                "images": list_block(
                    [
                        {"image": first.pk, "caption": "", "credit": ""},
                        {"image": second.pk, "caption": "Recount", "credit": "Pool"},
                    ]
                ),
            },
        ),
        ("document", {"document": report.pk, "title": ""}),
        (
            "details",
            {
                "question": "Why a recount?",
                "answer": rich_text("<p>Margin under 1%.</p>"),
            },
        ),
    ]
    login(client, writer)
    response = client.post(
        reverse(
            "wagtailadmin_pages:add", args=("blog", "articlepage", newsroom.news.pk)
        ),
        article_form_data("Count night", blocks=blocks) | {"action-submit": "Submit"},
    )
    assert response.status_code == HTTPStatus.FOUND, response.content[:3000]
    article = ArticlePage.objects.get(slug="count-night")
    assert article.workflow_in_progress and not article.live
    client.logout()

    login(client, editor)
    state = article.current_workflow_task_state
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse(
                "wagtailadmin_pages:workflow_action",
                args=(article.pk, "approve", state.pk),
            ),
            {"comment": ""},
        )
    assert response.status_code in (HTTPStatus.OK, HTTPStatus.FOUND)
    client.logout()

    document = client.get(f"/api/v1/articles/{article.pk}/").json()
    body = {block["type"]: block["value"] for block in document["body"]}
    assert list(body) == ["table", "code", "gallery", "document", "details"]
    assert body["table"]["rows"][1][1]["align"] == "right"
    assert body["code"]["code"] == "  Ward   Votes\n  North  1,204"
    assert [item["image"]["id"] for item in body["gallery"]["images"]] == [
        first.pk,
        second.pk,
    ]
    assert body["document"]["title"] == "Audit report"
    assert body["details"]["question"] == "Why a recount?"
    page = client.get(ArticlePage.objects.get(pk=article.pk).url).content.decode()
    assert "<caption>Turnout by ward</caption>" in page
    assert "  Ward   Votes\n  North  1,204</code></pre>" in page
    assert "Audit report" in page


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("episode-12.mp3", b"ID3\x04\x00"),
        ("press-conference.mp4", b"\x00\x00\x00\x18ftypmp42"),
        ("ruling.pdf", b"%PDF-1.4\n"),
    ],
)
def test_writer_uploads_audio_video_and_pdfs_for_media_and_document_blocks(
    newsroom, writer, client, name, content
):
    login(client, writer)

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": name,
            "file": SimpleUploadedFile(name, content),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == HTTPStatus.FOUND, response.content[:2000]
    document = Document.objects.get(title=name)
    assert document.uploaded_by_user == writer
    chooser = client.get(reverse("wagtaildocs_chooser:choose"))
    assert chooser.status_code == HTTPStatus.OK
    assert name in chooser.content.decode()


def test_a_document_upload_refuses_a_web_page(newsroom, writer, client):
    login(client, writer)

    response = client.post(
        reverse("wagtaildocs:add"),
        {
            "title": "Payload",
            "file": SimpleUploadedFile("payload.html", b"<script>alert(1)</script>"),
            "collection": Collection.get_first_root_node().pk,
        },
    )

    assert response.status_code == HTTPStatus.OK
    assert not Document.objects.exists()
