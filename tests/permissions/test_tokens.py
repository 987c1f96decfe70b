"""
API tokens are looked up by digest, through Wagtail's ``APIToken``: the
plaintext is never compared character by character, nor sent to the database,
so response time says nothing about how much of a guessed token was right.
"""

from http import HTTPStatus
from unittest import mock

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from wagtail.models import APIToken

from cms.api.editorial import auth

pytestmark = pytest.mark.django_db


@pytest.fixture
def spy_on_hashing():
    with mock.patch.object(
        APIToken,
        "candidate_key_hashes",
        wraps=APIToken.candidate_key_hashes,
    ) as spy:
        yield spy


def bearer(world, role):
    return world.tokens[role]


def test_token_guard_finds_tokens_by_wagtails_digest(world, spy_on_hashing):
    plaintext = bearer(world, "editor")

    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_AUTHORIZATION=f"Bearer {plaintext}").get(
            "/api/editorial/inbox/"
        )

    assert response.status_code == HTTPStatus.OK
    spy_on_hashing.assert_any_call(plaintext)
    assert not any(plaintext in query["sql"] for query in queries.captured_queries)


def test_a_wrong_token_is_refused_without_its_plaintext_reaching_the_database(
    world, spy_on_hashing
):
    guess = bearer(world, "editor")[:-4] + "AAAA"

    with CaptureQueriesContext(connection) as queries:
        response = Client(HTTP_AUTHORIZATION=f"Bearer {guess}").get(
            "/api/editorial/pages/"
        )

    assert response.status_code == HTTPStatus.UNAUTHORIZED
    spy_on_hashing.assert_any_call(guess)
    assert not any(guess in query["sql"] for query in queries.captured_queries)


def test_find_token_matches_on_key_hash_only():
    """The one query behind the guard filters on ``key_hash`` and nothing else."""
    with mock.patch.object(APIToken.objects, "select_related") as select_related:
        auth.find_token("x")

    select_related.return_value.filter.assert_called_once_with(
        key_hash__in=APIToken.candidate_key_hashes("x")
    )
