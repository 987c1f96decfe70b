"""The Delivery API describes itself: OpenAPI 3 with typed StreamField blocks."""

from http import HTTPStatus

BLOCK_TYPES = {
    "paragraph",
    "heading",
    "image",
    "pull_quote",
    "embed",
    "callout",
    "related_article",
    "table",
    "code",
    "gallery",
    "document",
    "details",
    "media",
}


def _schema(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == HTTPStatus.OK
    return response.json()


def test_openapi_document_lists_every_endpoint(client, db):
    schema = _schema(client)

    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/articles/",
        "/api/v1/articles/{article_id}/",
        "/api/v1/articles/by-path/",
        "/api/v1/authors/",
        "/api/v1/authors/{author_id}/",
        "/api/v1/topics/",
        "/api/v1/search/",
        "/api/v1/find/",
    } <= set(schema["paths"])
    for methods in schema["paths"].values():
        for operation in methods.values():
            assert operation["operationId"]
            assert operation["summary"]


def test_article_body_is_a_union_discriminated_on_block_type(client, db):
    schemas = _schema(client)["components"]["schemas"]

    body = schemas["ArticleSchema"]["properties"]["body"]["items"]

    assert body["discriminator"]["propertyName"] == "type"
    assert set(body["discriminator"]["mapping"]) == BLOCK_TYPES
    assert len(body["oneOf"]) == len(BLOCK_TYPES)


def test_openapi_document_is_valid(client, db):
    from openapi_spec_validator import validate

    validate(_schema(client))


def test_interactive_docs_are_public(client, db):
    assert client.get("/api/v1/docs").status_code == HTTPStatus.OK


def test_interactive_docs_load_their_ui_from_our_own_static_files(client, db):
    response = client.get("/api/v1/docs")
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "/static/ninja/swagger-ui.css" in html
    # Nothing from a CDN, which the site's policy (script-src 'self') blocks.
    assert "cdn." not in html and "https://" not in html
    assert "script-src 'self'" in response["Content-Security-Policy"]
