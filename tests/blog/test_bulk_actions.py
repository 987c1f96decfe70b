"""Bulk actions in the page listing offer only what the role can do."""

import re

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD, ArticlePageFactory

pytestmark = pytest.mark.django_db


def _bulk_actions(client, user, section):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    html = client.get(reverse("wagtailadmin_explore", args=(section.pk,))).content
    return set(re.findall(r"/admin/bulk/wagtailcore/page/(\w+)/", html.decode()))


def test_writer_is_not_offered_bulk_publish_unpublish_or_delete(
    newsroom, writer, client
):
    ArticlePageFactory(parent=newsroom.news, owner=writer)
    offered = _bulk_actions(client, writer, newsroom.news)
    assert not offered & {"publish", "unpublish", "delete"}


def test_editor_is_offered_bulk_publish_unpublish_and_delete(newsroom, editor, client):
    ArticlePageFactory(parent=newsroom.news)
    offered = _bulk_actions(client, editor, newsroom.news)
    assert {"publish", "unpublish", "delete"} <= offered
