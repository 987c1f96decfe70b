"""
The story blocks (table, code, gallery, document, details) as readers and
frontends get them: typed JSON in the Delivery API, HTML on the site, the
same number of queries however many images a gallery holds.
"""

import json
from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.documents.models import Document
from wagtail.models import Collection, CollectionViewRestriction

from blog.models import ArticlePage
from cms.publishing.representations import article_document
from tests.factories import ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n% a court ruling\n%%EOF\n"
CODE = "def seats(votes):\n\treturn votes  # tab\n\n    indented = True\n"


def block(kind, value):
    return {"type": kind, "value": value}


def table(**changes):
    return {
        "table_caption": "Seats won",
        "table_header_choice": "row",
        "first_row_is_table_header": True,
        "first_col_is_header": False,
        "data": [
            ["Party", "Seats", "Share"],
            ["Labour", "412", None],
            ["Total", "650", ""],
        ],
        "cell": [{"row": 1, "col": 1, "className": "htRight htMiddle"}],
        "mergedCells": [{"row": 2, "col": 1, "rowspan": 1, "colspan": 2}],
        **changes,
    }


def pdf(title, collection=None):
    document = Document(title=title, file=ContentFile(PDF, name="ruling.pdf"))
    if collection is not None:
        document.collection = collection
    document.save()
    return document


def clip(title):
    document = Document(
        title=title, file=ContentFile(b"\0\0\0\x18ftyp", name="clip.mp4")
    )
    document.save()
    return document


def gallery(images, **item):
    return {
        "title": "Polling day",
        "images": [
            {
                "type": "item",
                "id": f"item-{n}",
                "value": {"image": image.pk, "caption": "", "credit": "", **item},
            }
            for n, image in enumerate(images)
        ],
    }


def article_with(newsroom, publish, *blocks, **fields):
    with publish():
        return ArticlePageFactory(
            parent=newsroom.news, body=json.dumps(list(blocks)), **fields
        )


def detail(client, article):
    response = client.get(f"/api/v1/articles/{article.pk}/")
    assert response.status_code == HTTPStatus.OK
    return response.json()


def test_table_is_rows_of_typed_cells_not_html(newsroom, client, publish):
    article = article_with(newsroom, publish, block("table", table()))

    value = detail(client, article)["body"][0]["value"]

    assert value["caption"] == "Seats won"
    assert value["header_row"] is True
    assert value["header_column"] is False
    header, labour, total = value["rows"]
    assert [cell["text"] for cell in header] == ["Party", "Seats", "Share"]
    assert all(cell["header"] for cell in header)
    assert labour[1] == {
        "text": "412",
        "header": False,
        "align": "right",
        "colspan": 1,
        "rowspan": 1,
    }
    assert labour[2]["text"] == ""
    assert [cell["colspan"] for cell in total] == [1, 2]


def test_table_renders_with_caption_and_header_cells_on_the_site(
    newsroom, client, publish
):
    article = article_with(
        newsroom,
        publish,
        block("table", table(first_col_is_header=True, table_header_choice="both")),
    )

    page = client.get(article.url).content.decode()

    assert "<caption>Seats won</caption>" in page
    assert '<th scope="col"' in page
    assert '<th scope="row"' in page
    assert "htRight" in page


def test_code_keeps_its_whitespace_exactly(newsroom, client, publish):
    article = article_with(
        newsroom, publish, block("code", {"language": "python", "code": CODE})
    )

    value = detail(client, article)["body"][0]["value"]
    page = client.get(article.url).content.decode()

    assert value == {"language": "python", "code": CODE}
    assert (
        '<code class="language-python">' + CODE.replace("'", "&#x27;") + "</code>"
        in page
    )


def test_preformatted_text_needs_no_language(newsroom, client, publish):
    article = article_with(
        newsroom, publish, block("code", {"language": "", "code": "  a\n   b"})
    )

    assert detail(client, article)["body"][0]["value"] == {
        "language": None,
        "code": "  a\n   b",
    }


def test_gallery_gives_images_in_order_with_renditions_captions_and_credits(
    newsroom, client, publish
):
    first = ImageFactory(caption="Queue at dawn", credit="AFP")
    second = ImageFactory(caption="Ballot box", credit="Reuters")
    article = article_with(
        newsroom,
        publish,
        {
            "type": "gallery",
            "value": {
                "title": "Polling day",
                "images": [
                    {
                        "type": "item",
                        "id": "second",
                        "value": {"image": second.pk, "caption": "", "credit": ""},
                    },
                    {
                        "type": "item",
                        "id": "first",
                        "value": {
                            "image": first.pk,
                            "caption": "At dawn",
                            "credit": "Own",
                        },
                    },
                ],
            },
        },
    )

    value = detail(client, article)["body"][0]["value"]

    assert value["title"] == "Polling day"
    assert [item["image"]["id"] for item in value["images"]] == [second.pk, first.pk]
    assert [item["caption"] for item in value["images"]] == ["Ballot box", "At dawn"]
    assert [item["credit"] for item in value["images"]] == ["Reuters", "Own"]
    assert value["images"][0]["image"]["renditions"]
    assert value["images"][0]["image"]["srcset"]


def test_rendering_a_gallery_costs_no_query_per_image(newsroom, publish):
    def rendering_cost(count):
        images = [ImageFactory() for _ in range(count)]
        article = article_with(newsroom, publish, block("gallery", gallery(images)))
        page = ArticlePage.objects.get(pk=article.pk)
        article_document(page)  # the renditions now exist, as after a first publish
        page = ArticlePage.objects.get(pk=article.pk)
        # Not from Wagtail's rendition cache: from the database, as on a cold worker.
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            article_document(page)
        return len(queries)

    assert rendering_cost(6) == rendering_cost(1)


def test_document_block_gives_title_size_and_type(newsroom, client, publish):
    ruling = pdf("Supreme Court ruling")
    article = article_with(
        newsroom, publish, block("document", {"document": ruling.pk, "title": ""})
    )

    value = detail(client, article)["body"][0]["value"]

    assert value["title"] == "Supreme Court ruling"
    assert value["document"]["content_type"] == "application/pdf"
    assert value["document"]["extension"] == "pdf"
    assert value["document"]["size"] == len(PDF)
    assert value["document"]["url"].startswith("http")
    assert value["document"]["url"].endswith(ruling.url)


def test_site_shows_a_document_size_wagtail_did_not_record(newsroom, client, publish):
    """A file added without the upload form (an import, a script) still shows its size."""
    ruling = pdf("Supreme Court ruling")
    assert ruling.file_size is None
    article = article_with(
        newsroom, publish, block("document", {"document": ruling.pk, "title": ""})
    )

    page = client.get(article.url).content.decode()

    assert f"(PDF, {len(PDF)}\xa0bytes)" in page


def test_document_is_served_with_its_type_and_disposition(client, db):
    ruling = pdf("Ruling")

    response = client.get(ruling.url)

    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline")
    assert 'filename="ruling' in response["Content-Disposition"]
    assert b"".join(response.streaming_content) == PDF


def test_private_document_never_reaches_the_public_api(newsroom, client, publish):
    root = Collection.get_first_root_node()
    legal = root.add_child(name="Legal")
    sealed = legal.add_child(name="Sealed filings")
    restriction = CollectionViewRestriction.objects.create(
        collection=legal, restriction_type=CollectionViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.get(name="Editors"))
    secret = pdf("Sealed filing", collection=sealed)
    article = article_with(
        newsroom,
        publish,
        block("document", {"document": secret.pk, "title": "The filing"}),
    )

    document = detail(client, article)

    assert document["body"][0]["value"] == {"title": "The filing", "document": None}
    assert secret.url not in document["body_html"]
    assert "Sealed filing" not in json.dumps(document)
    assert client.get(secret.url).status_code != HTTPStatus.OK


def test_details_block_is_a_question_and_its_answer(newsroom, client, publish):
    article = article_with(
        newsroom,
        publish,
        block(
            "details",
            {"question": "What is a hung parliament?", "answer": "<p>No majority.</p>"},
        ),
    )

    document = detail(client, article)
    page = client.get(article.url).content.decode()

    assert document["body"][0]["value"] == {
        "question": "What is a hung parliament?",
        "answer_html": "<p>No majority.</p>",
    }
    assert "<summary>What is a hung parliament?</summary>" in document["body_html"]
    assert "<summary>What is a hung parliament?</summary>" in page


def test_detail_read_costs_the_same_with_every_story_block(
    newsroom, client, publish, django_assert_max_num_queries
):
    plain = article_with(
        newsroom, publish, block("code", {"language": "", "code": "x"})
    )
    images = [ImageFactory() for _ in range(4)]
    rich = article_with(
        newsroom,
        publish,
        block("table", table()),
        block("gallery", gallery(images)),
        block("document", {"document": pdf("Report").pk, "title": ""}),
        block("details", {"question": "Q?", "answer": "<p>A.</p>"}),
        *(
            block(
                "media",
                {
                    "kind": "video",
                    "file": clip(f"Clip {n}").pk,
                    "title": f"Clip {n}",
                    "duration": 60,
                    "poster": image.pk,
                    "transcript": "<p>Words.</p>",
                },
            )
            for n, image in enumerate(images)
        ),
    )
    cache.clear()
    with CaptureQueriesContext(connection) as baseline:
        detail(client, plain)
    cache.clear()
    with django_assert_max_num_queries(len(baseline)):
        detail(client, rich)


def test_media_block_plays_audio_with_duration_and_transcript(
    newsroom, client, publish
):
    episode = Document(title="Episode 12", file=ContentFile(b"ID3", name="episode.mp3"))
    episode.save()
    article = article_with(
        newsroom,
        publish,
        block(
            "media",
            {
                "kind": "audio",
                "file": episode.pk,
                "title": "The count, explained",
                "duration": 754,
                "poster": None,
                "transcript": "<p>Welcome to the podcast.</p>",
            },
        ),
    )

    value = detail(client, article)["body"][0]["value"]
    page = client.get(article.url).content.decode()

    assert value["kind"] == "audio"
    assert value["duration"] == 754
    assert value["file"]["content_type"] == "audio/mpeg"
    assert value["file"]["url"].endswith(episode.url)
    assert value["transcript_html"] == "<p>Welcome to the podcast.</p>"
    assert (
        '<audio controls preload="metadata" aria-label="The count, explained">' in page
    )
    assert "12:34" in page
    assert "<summary>Transcript</summary>" in page


def test_private_media_file_never_reaches_the_public_api(newsroom, client, publish):
    root = Collection.get_first_root_node()
    embargoed = root.add_child(name="Embargoed")
    CollectionViewRestriction.objects.create(
        collection=embargoed, restriction_type=CollectionViewRestriction.LOGIN
    )
    clip = Document(
        title="Raw footage",
        file=ContentFile(b"\x00\x00", name="raw.mp4"),
        collection=embargoed,
    )
    clip.save()
    article = article_with(
        newsroom,
        publish,
        block(
            "media",
            {
                "kind": "video",
                "file": clip.pk,
                "title": "Footage",
                "duration": None,
                "poster": None,
                "transcript": "",
            },
        ),
    )

    document = detail(client, article)

    assert document["body"][0]["value"]["file"] is None
    assert clip.url not in document["body_html"]
