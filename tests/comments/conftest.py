"""Fixtures for reader comments: a live article and a way to post to it."""

from contextlib import contextmanager

import pytest
from django.test import TestCase

from blog.models import ReaderComment
from tests.factories import ArticlePageFactory


@pytest.fixture
def committed():
    """
    Run what happens after a commit (the Delivery API re-rendering documents
    and retiring cached responses) for the changes made inside the block, as
    the end of a real request would.
    """

    @contextmanager
    def run():
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield

    return run


@pytest.fixture
def article(newsroom, committed):
    with committed():
        return ArticlePageFactory(
            parent=newsroom.news, title="Hama braces", slug="hama"
        )


@pytest.fixture
def other_article(newsroom, committed):
    with committed():
        return ArticlePageFactory(parent=newsroom.news, title="Aleppo", slug="aleppo")


@pytest.fixture
def approved(article):
    """Make an approved comment on ``article`` (or another), as an editor would."""

    def make(body="Thoughtful piece.", *, on=None, parent=None, name="Layla", **kw):
        return ReaderComment.objects.create(
            article=on or article,
            parent=parent,
            name=name,
            email=f"{name.lower()}@reader.example",
            body=body,
            status=kw.pop("status", ReaderComment.Status.APPROVED),
            ip_address="203.0.113.9",
            **kw,
        )

    return make


def comment_payload(**overrides):
    return {
        "name": "Layla",
        "email": "layla@reader.example",
        "body": "A thoughtful piece, thank you.",
        **overrides,
    }


@pytest.fixture
def post_comment(client):
    def post(article_id, remote_addr="198.51.100.7", **payload):
        return client.post(
            f"/api/v1/articles/{article_id}/comments/",
            comment_payload(**payload),
            content_type="application/json",
            REMOTE_ADDR=remote_addr,
        )

    return post
