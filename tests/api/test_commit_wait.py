"""
The request that publishes a change is answered only once every worker
serves the change: whoever hears of it from that answer and asks the
Delivery API at once never gets the edition before it.

Committed for real (a transactional test), so the publish request runs its
commit hooks, bump and commit wait inside the request, as in production.
"""

import json
import time
from http import HTTPStatus

import pytest
from django.test import Client
from wagtail.models import APIToken

from cms.api.editorial.models import TokenPolicy
from tests.factories import ArticlePageFactory, AuthorPageFactory

from .workers import Worker, forget_worker_state, needs_redis

pytestmark = [
    needs_redis,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_the_migrations_data"),
]


@pytest.fixture(autouse=True)
def _new_worker():
    forget_worker_state()
    yield
    forget_worker_state()


def detail(client, article):
    return client.get(f"/api/v1/articles/{article.pk}/")


def test_a_published_change_is_answered_only_once_every_worker_serves_it(
    newsroom, editor, settings, monkeypatch
):
    lease = 1.5
    settings.API_GENERATION_LEASE = lease
    byline = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    article = ArticlePageFactory(
        parent=newsroom.news, title="First edition", authors=[byline]
    )
    token, plaintext = APIToken.create_token(user=editor, name="desk")
    TokenPolicy.objects.create(token=token, scope="moderate")
    editor_api = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}")
    reader = Client()
    other = Worker(monkeypatch)
    with other.serving():
        detail(reader, article)
        assert detail(reader, article).json()["title"] == "First edition"
    article.title = "Second edition"
    article.save_revision()

    started = time.monotonic()
    response = editor_api.post(
        f"/api/editorial/pages/{article.pk}/actions/publish/",
        data=json.dumps({}),
        content_type="application/json",
    )
    took = time.monotonic() - started

    assert response.status_code == HTTPStatus.OK, response.content
    with other.serving():
        assert detail(reader, article).json()["title"] == "Second edition"
    assert took >= lease
