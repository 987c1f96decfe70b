"""
Every block a writer can add to an article's body shows a preview and a
description in the block picker, rendered from realistic content (the
newsroom's own images, files and articles where the block needs them).
"""

from http import HTTPStatus

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse
from wagtail.documents.models import Document

from blog.models import ArticlePage
from tests.factories import TEST_PASSWORD, ArticlePageFactory, ImageFactory

pytestmark = pytest.mark.django_db

BODY_BLOCKS = ArticlePage.body.field.stream_block.child_blocks

# What each preview must show, so a blank or broken preview fails.
PREVIEW_SHOWS = {
    "paragraph": "68 per cent",
    "heading": "What happens next",
    "image": "<img",
    "pull_quote": "territorial integrity",
    "embed": 'class="embed"',
    "callout": "Key facts",
    "related_article": "Count night",
    "table": "<caption>Seats won, 2025 general election</caption>",
    "code": "def turnout",
    "gallery": "Polling day in pictures",
    "document": "Returning officer&#x27;s declaration",
    "details": "What is a hung parliament?",
    "media": "<audio controls",
}


@pytest.fixture
def library(newsroom, publish):
    """What previews pick from: images, a PDF, an audio file and a live article."""
    images = [ImageFactory(), ImageFactory()]
    Document.objects.create(
        title="Returning officer's declaration",
        file=ContentFile(b"%PDF-1.4\n", name="declaration.pdf"),
    )
    Document.objects.create(
        title="Results night episode", file=ContentFile(b"ID3", name="episode.mp3")
    )
    with publish():
        ArticlePageFactory(parent=newsroom.news, title="Count night")
    return images


def preview(client, block):
    return client.get(
        reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
    )


def test_every_body_block_is_described_and_previewable():
    assert set(BODY_BLOCKS) == set(PREVIEW_SHOWS)
    for name, block in BODY_BLOCKS.items():
        assert block.is_previewable, name
        assert str(block.get_description()).strip(), name


def test_every_body_block_preview_renders_realistic_content(library, editor, client):
    assert client.login(username=editor.username, password=TEST_PASSWORD)

    for name, block in BODY_BLOCKS.items():
        response = preview(client, block)

        assert response.status_code == HTTPStatus.OK, name
        assert PREVIEW_SHOWS[name] in response.content.decode(), name


def test_previews_render_before_the_library_has_anything(newsroom, editor, client):
    """A new newsroom's picker still opens: blocks needing a chosen object show empty."""
    assert client.login(username=editor.username, password=TEST_PASSWORD)

    for name, block in BODY_BLOCKS.items():
        assert preview(client, block).status_code == HTTPStatus.OK, name
