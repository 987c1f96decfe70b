"""API_RESPONSE_CACHE=False: every Delivery API request runs its endpoint."""

import json
from http import HTTPStatus

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext

from cms.publishing.models import DeliveryDocument
from tests.factories import ArticlePageFactory


def _queries(client, url, **headers):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, headers=headers)
    return response, len(queries)


def test_cached_response_is_served_without_queries(client, newsroom, rebuild):
    article = ArticlePageFactory(parent=newsroom.news)
    rebuild()
    url = f"/api/v1/articles/{article.pk}/"
    client.get(url)
    response, queries = _queries(client, url)
    assert response.status_code == HTTPStatus.OK
    assert queries == 0


@override_settings(API_RESPONSE_CACHE=False)
def test_switched_off_cache_reads_the_database_every_time(client, newsroom, rebuild):
    article = ArticlePageFactory(parent=newsroom.news)
    rebuild()
    url = f"/api/v1/articles/{article.pk}/"
    first, _ = _queries(client, url)
    second, queries = _queries(client, url)
    assert second.status_code == HTTPStatus.OK
    assert queries > 0
    assert second.content == first.content
    # A change that does not retire cached responses still shows at once.
    changed = {**first.json(), "title": "Changed behind the cache's back"}
    DeliveryDocument.objects.filter(pk=article.pk).update(detail=json.dumps(changed))
    third, _ = _queries(client, url)
    assert third.json() == changed


@override_settings(API_RESPONSE_CACHE=False)
def test_switched_off_cache_still_answers_revalidation_with_304(
    client, newsroom, rebuild
):
    article = ArticlePageFactory(parent=newsroom.news)
    rebuild()
    url = f"/api/v1/articles/{article.pk}/"
    etag = client.get(url)["ETag"]
    response, _ = _queries(client, url, if_none_match=etag)
    assert response.status_code == HTTPStatus.NOT_MODIFIED
    assert response["ETag"] == etag
