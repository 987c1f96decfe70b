"""
An article's public fields are declared once (``ARTICLE_FIELDS``): the
detail, the list and the OpenAPI document all follow the declaration.
"""

from http import HTTPStatus

import pytest

from cms.api.delivery.schemas.articles import article_schemas
from cms.publishing import representations
from cms.publishing.fields import DocumentField
from tests.factories import ArticlePageFactory, AuthorPageFactory

LIST = "/api/v1/articles/"


@pytest.fixture
def story(newsroom, rebuild):
    article = ArticlePageFactory(parent=newsroom.news, title="Declared once")
    rebuild()
    return article


def _openapi_properties(client, name):
    document = client.get("/api/v1/openapi.json").json()
    return list(document["components"]["schemas"][name]["properties"])


def test_every_declared_article_field_is_in_the_detail_the_list_and_the_openapi_document(
    client, story
):
    declared = [field.name for field in representations.ARTICLE_FIELDS]
    summary = [field.name for field in representations.ARTICLE_FIELDS if field.summary]

    detail = client.get(f"{LIST}{story.pk}/").json()
    item = client.get(LIST).json()["results"][0]

    assert list(detail) == declared
    assert list(item) == summary
    assert sorted(_openapi_properties(client, "ArticleSchema")) == sorted(declared)
    assert _openapi_properties(client, "ArticleSummarySchema") == summary


def test_a_field_declared_for_articles_reaches_the_list_the_detail_and_the_schema(
    client, story, rebuild, monkeypatch
):
    kicker = DocumentField("kicker", str, lambda article: article.page.title.upper())
    fields = (*representations.ARTICLE_FIELDS, kicker)
    monkeypatch.setattr(representations, "ARTICLE_FIELDS", fields)
    rebuild()

    detail = client.get(f"{LIST}{story.pk}/")
    listed = client.get(LIST)
    summary_schema, detail_schema = article_schemas(fields)

    assert detail.status_code == HTTPStatus.OK
    assert detail.json()["kicker"] == "DECLARED ONCE"
    assert listed.json()["results"][0]["kicker"] == "DECLARED ONCE"
    assert "kicker" in summary_schema.model_json_schema()["properties"]
    assert "kicker" in detail_schema.model_json_schema()["properties"]


def test_every_declared_author_field_is_in_the_detail_the_list_and_the_openapi_document(
    client, newsroom, rebuild
):
    author = AuthorPageFactory(parent=newsroom.authors, title="Amal Haddad")
    rebuild()
    declared = [field.name for field in representations.AUTHOR_FIELDS]
    summary = [field.name for field in representations.AUTHOR_FIELDS if field.summary]

    detail = client.get(f"/api/v1/authors/{author.pk}/").json()
    item = client.get("/api/v1/authors/").json()["results"][0]

    assert sorted(detail) == sorted(declared)
    assert list(item) == summary
    assert sorted(_openapi_properties(client, "AuthorSchema")) == sorted(declared)
    assert _openapi_properties(client, "AuthorSummarySchema") == summary
