"""
Both OpenAPI documents tell the whole truth: every error, every header, every parameter's rules.

A client generated from a document must meet no response it was not told
about; these tests read the served documents as such a client would.
"""

import json
from datetime import timedelta
from http import HTTPStatus

import pytest
from django.test import Client
from django.utils import timezone

from tests.api.test_editorial_tokens import PROBLEM_JSON, token_for
from tests.factories import ArticlePageFactory

PROBLEM_REF = {"$ref": "#/components/schemas/Problem"}


def operations(document):
    for path, methods in document["paths"].items():
        for method, operation in methods.items():
            yield path, method, operation


@pytest.fixture
def delivery_document(client, db):
    return client.get("/api/v1/openapi.json").json()


@pytest.fixture
def editorial_document(writer):
    response = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(writer, 'read')}").get(
        "/api/editorial/openapi.json"
    )
    assert response.status_code == HTTPStatus.OK
    return response.json()


@pytest.fixture(params=["delivery", "editorial"])
def document(request, newsroom):
    # ``newsroom`` named here, not only through getfixturevalue, so that
    # pytest-django orders these tests with the other database tests.
    return request.getfixturevalue(f"{request.param}_document")


def test_every_error_of_every_operation_is_documented_as_problem_json(document):
    for path, method, operation in operations(document):
        errors = {int(code) for code in operation["responses"] if int(code) >= 400}
        assert {400, 429, 500, 503} <= errors, (method, path)
        if "{" in path:
            assert 404 in errors, (method, path)
        for code in errors:
            content = operation["responses"][str(code)]["content"]
            assert list(content) == [PROBLEM_JSON], (method, path, code)
            assert content[PROBLEM_JSON]["schema"] == PROBLEM_REF


@pytest.mark.parametrize("url", ["/api/v1/openapi.json", "/api/editorial/openapi.json"])
def test_served_documents_name_each_key_once(writer, url):
    """JSON allows a repeated key; Swagger UI and YAML readers refuse the document."""

    def no_repeats(pairs):
        keys = [key for key, _value in pairs]
        repeated = {key for key in keys if keys.count(key) > 1}
        assert not repeated, f"{url} repeats {sorted(repeated)}"
        return dict(pairs)

    client = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(writer, 'read')}")
    json.loads(client.get(url).content, object_pairs_hook=no_repeats)


def test_waiting_answers_document_retry_after(document):
    for path, method, operation in operations(document):
        for code in ("429", "503"):
            assert "Retry-After" in operation["responses"][code]["headers"], (
                method,
                path,
            )


def test_cached_delivery_reads_document_their_validators_and_304(delivery_document):
    article = delivery_document["paths"]["/api/v1/articles/{article_id}/"]["get"]

    headers = article["responses"]["200"]["headers"]
    assert {"ETag", "Last-Modified", "Cache-Control"} <= set(headers)
    assert "304" in article["responses"]
    preview = delivery_document["paths"]["/api/v1/preview/"]["get"]
    assert "304" not in preview["responses"]


def test_editorial_writes_document_conflicts_locks_and_body_refusals(
    editorial_document,
):
    save = editorial_document["paths"]["/api/editorial/pages/{page_id}/draft/"]["patch"]
    assert {"401", "403", "409", "413", "415", "422", "423", "428"} <= set(
        save["responses"]
    )


def test_date_bounds_are_documented_as_dates_or_date_times(delivery_document):
    parameters = {
        parameter["name"]: parameter["schema"]
        for parameter in delivery_document["paths"]["/api/v1/articles/"]["get"][
            "parameters"
        ]
    }

    formats = {option["format"] for option in parameters["published_after"]["anyOf"]}
    assert formats == {"date", "date-time"}
    assert parameters["order"]["enum"] == ["-date", "date", "title", "-title"]
    assert parameters["limit"]["maximum"] == 100
    assert parameters["fields"]["pattern"]


@pytest.mark.parametrize("value", ["", "yesterday", "2025-13-01"])
def test_a_date_bound_that_is_no_date_is_refused(client, db, value):
    response = client.get("/api/v1/articles/", {"published_after": value})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert response.json()["invalid_params"][0]["name"] == "published_after"


def test_offset_and_cursor_together_are_refused_naming_both(
    client, delivery_document, db
):
    response = client.get("/api/v1/articles/", {"offset": "0", "cursor": "x"})

    assert response.status_code == HTTPStatus.BAD_REQUEST
    names = {param["name"] for param in response.json()["invalid_params"]}
    assert names == {"offset", "cursor"}
    description = delivery_document["paths"]["/api/v1/articles/"]["get"]["description"]
    assert "`offset` and `cursor` cannot be sent together" in description


def test_a_list_cut_down_by_fields_matches_the_document(client, newsroom, rebuild):
    ArticlePageFactory(parent=newsroom.news)
    rebuild()

    # The response-checking fixture fails this if the document disagrees.
    response = client.get("/api/v1/articles/", {"fields": "title, path"})

    assert response.status_code == HTTPStatus.OK
    assert set(response.json()["results"][0]) == {"id", "title", "path"}


@pytest.mark.parametrize("scope", ["read", "write", "moderate"])
def test_editorial_document_is_readable_with_a_token_of_any_scope(writer, scope):
    api = Client(HTTP_AUTHORIZATION=f"Bearer {token_for(writer, scope)}")

    response = api.get("/api/editorial/openapi.json")

    assert response.status_code == HTTPStatus.OK
    assert response.json()["info"]["title"] == "Newsroom Editorial API"


def test_editorial_document_stays_closed_to_expired_tokens(writer):
    expired = token_for(writer, "read", timezone.now() - timedelta(minutes=1))

    response = Client(HTTP_AUTHORIZATION=f"Bearer {expired}").get(
        "/api/editorial/openapi.json"
    )

    assert response.status_code == HTTPStatus.UNAUTHORIZED


def test_editorial_document_stays_closed_to_anonymous_callers(db):
    assert (
        Client().get("/api/editorial/openapi.json").status_code == HTTPStatus.NOT_FOUND
    )


def test_snippet_operations_no_request_could_call_are_left_out(editorial_document):
    assert not [path for path in editorial_document["paths"] if "/snippets/" in path]
    # The uploads Wagtail serves are still there.
    assert "/api/editorial/images/" in editorial_document["paths"]
