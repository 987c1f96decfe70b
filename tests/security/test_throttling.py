"""Rate limits on the API and throttles on guessing passwords and tokens."""

import json
from http import HTTPStatus

import pytest
from django.test import override_settings
from wagtail.models import APIToken

from tests.factories import TEST_PASSWORD

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.urls("tests.security.urls"),
]

PING = "/api/test/ping/"
GUARDED = "/api/test/guarded/"


def assert_too_many_requests(response):
    assert response.status_code == HTTPStatus.TOO_MANY_REQUESTS
    assert response["Content-Type"] == "application/problem+json"
    assert int(response["Retry-After"]) > 0
    body = json.loads(response.content)
    assert body["status"] == HTTPStatus.TOO_MANY_REQUESTS
    assert body["title"] == "Too Many Requests"


@override_settings(API_RATE_LIMIT="3/min")
def test_anonymous_api_caller_is_limited_per_address(client):
    statuses = [client.get(PING).status_code for _ in range(3)]
    assert statuses == [HTTPStatus.OK] * 3
    assert_too_many_requests(client.get(PING))
    # Another address still gets through.
    assert client.get(PING, REMOTE_ADDR="198.51.100.7").status_code == HTTPStatus.OK


@pytest.fixture
def live_token(writer):
    _token, plaintext = APIToken.create_token(user=writer, name="throttle test")
    return plaintext


@override_settings(API_RATE_LIMIT="2/min", API_TOKEN_RATE_LIMIT="5/min")
def test_token_callers_have_their_own_higher_limit(client, live_token):
    headers = {"Authorization": f"Bearer {live_token}"}
    statuses = [client.get(PING, headers=headers).status_code for _ in range(5)]
    assert statuses == [HTTPStatus.OK] * 5
    assert_too_many_requests(client.get(PING, headers=headers))
    # The anonymous allowance of the same address was not used up by the token.
    assert client.get(PING).status_code == HTTPStatus.OK


@override_settings(API_RATE_LIMIT="2/min")
def test_the_site_outside_the_api_is_not_rate_limited(client, newsroom):
    statuses = {client.get("/").status_code for _ in range(5)}
    assert statuses == {HTTPStatus.OK}


@override_settings(API_RATE_LIMIT="2/min")
def test_forged_forwarded_addresses_do_not_escape_the_limit(client):
    for forged in ("1.1.1.1", "2.2.2.2"):
        client.get(PING, HTTP_X_FORWARDED_FOR=forged)
    assert_too_many_requests(client.get(PING, HTTP_X_FORWARDED_FOR="3.3.3.3"))


@override_settings(API_RATE_LIMIT="2/min", TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_each_forwarded_client_is_counted_apart(client):
    for _ in range(2):
        client.get(PING, HTTP_X_FORWARDED_FOR="198.51.100.1")
    assert_too_many_requests(client.get(PING, HTTP_X_FORWARDED_FOR="198.51.100.1"))
    assert (
        client.get(PING, HTTP_X_FORWARDED_FOR="198.51.100.2").status_code
        == HTTPStatus.OK
    )


def post_login(client, username, password, **extra):
    return client.post(
        "/admin/login/", {"username": username, "password": password}, **extra
    )


@override_settings(LOGIN_FAILURE_LIMIT="3/15min")
def test_repeated_wrong_passwords_lock_the_login_even_for_the_right_one(client, writer):
    for _ in range(3):
        response = post_login(client, writer.username, "wrong")
        assert response.status_code == HTTPStatus.OK  # the form, with its error
    assert_too_many_requests(post_login(client, writer.username, TEST_PASSWORD))


@override_settings(LOGIN_FAILURE_LIMIT="3/15min")
def test_a_strangers_wrong_guesses_do_not_lock_an_editor_out(client, editor):
    for n in range(3):
        post_login(client, editor.username, "wrong", REMOTE_ADDR=f"203.0.113.{n}")
    for _ in range(3):
        post_login(client, editor.username, "wrong", REMOTE_ADDR="203.0.113.50")
    # The stranger's address is locked out...
    assert_too_many_requests(
        post_login(client, editor.username, TEST_PASSWORD, REMOTE_ADDR="203.0.113.50")
    )
    # ...the editor, signing in from the newsroom, is not.
    response = post_login(
        client, editor.username, TEST_PASSWORD, REMOTE_ADDR="198.51.100.10"
    )
    assert response.status_code == HTTPStatus.FOUND


@override_settings(LOGIN_FAILURE_LIMIT="3/15min")
def test_spraying_many_accounts_from_one_address_is_throttled(client, writer):
    for name in ("alice", "bob", "carol"):
        post_login(client, name, "wrong")
    assert_too_many_requests(post_login(client, writer.username, TEST_PASSWORD))


@override_settings(LOGIN_FAILURE_LIMIT="3/15min")
def test_a_good_login_after_a_few_mistakes_still_works(client, writer):
    for _ in range(2):
        post_login(client, writer.username, "wrong")
    response = post_login(client, writer.username, TEST_PASSWORD)
    assert response.status_code == HTTPStatus.FOUND


@override_settings(API_AUTH_FAILURE_LIMIT="4/10min", API_TOKEN_RATE_LIMIT="1000/min")
def test_guessing_tokens_is_throttled_per_address(client):
    for n in range(4):
        response = client.get(GUARDED, headers={"Authorization": f"Bearer guess-{n}"})
        assert response.status_code == HTTPStatus.UNAUTHORIZED
    # Even the right token waits now: the address has shown it is guessing.
    blocked = client.get(GUARDED, headers={"Authorization": "Bearer the-right-token"})
    assert_too_many_requests(blocked)
    # Someone else is unaffected.
    response = client.get(
        GUARDED,
        headers={"Authorization": "Bearer the-right-token"},
        REMOTE_ADDR="198.51.100.20",
    )
    assert response.status_code == HTTPStatus.OK


@override_settings(API_RATE_LIMIT="3/min", API_AUTH_FAILURE_LIMIT="1000/min")
def test_made_up_authorization_headers_do_not_buy_fresh_allowances(client):
    statuses = [
        client.get(PING, headers={"Authorization": f"Bearer junk{n}"}).status_code
        for n in range(3)
    ]
    assert statuses == [HTTPStatus.OK] * 3
    assert_too_many_requests(
        client.get(PING, headers={"Authorization": "Bearer junk99"})
    )
    assert_too_many_requests(client.get(PING))


@override_settings(API_AUTH_FAILURE_LIMIT="3/10min", API_RATE_LIMIT="1000/min")
def test_made_up_tokens_on_the_public_api_count_as_failed_authentication(client):
    for n in range(3):
        response = client.get(
            "/api/v1/topics/", headers={"Authorization": f"Bearer junk{n}"}
        )
        assert response.status_code == HTTPStatus.OK
    assert_too_many_requests(client.get("/api/v1/topics/"))


@override_settings(API_RATE_LIMIT="2/min", API_TOKEN_RATE_LIMIT="50/min")
def test_a_live_token_earns_no_extra_allowance_on_the_public_api(client, live_token):
    headers = {"Authorization": f"Bearer {live_token}"}
    for _ in range(2):
        assert client.get("/api/v1/topics/", headers=headers).status_code == 200
    assert_too_many_requests(client.get("/api/v1/topics/", headers=headers))


@override_settings(API_RATE_LIMIT="2/min", API_TOKEN_RATE_LIMIT="50/min")
def test_a_revoked_token_is_counted_by_address(client, writer):
    token, plaintext = APIToken.create_token(user=writer, name="revoked")
    token.revoke()
    headers = {"Authorization": f"Bearer {plaintext}"}
    for _ in range(2):
        client.get(PING, headers=headers)
    assert_too_many_requests(client.get(PING, headers=headers))


@pytest.fixture
def password_protected(newsroom):
    from wagtail.models import PageViewRestriction

    from tests.factories import ArticlePageFactory

    page = ArticlePageFactory(parent=newsroom.news)
    restriction = PageViewRestriction.objects.create(
        page=page, restriction_type=PageViewRestriction.PASSWORD, password="opensesame"
    )
    return page, restriction


def try_page_password(client, protected, password, **extra):
    page, restriction = protected
    return client.post(
        f"/_util/authenticate_with_password/{restriction.pk}/{page.pk}/",
        {"password": password, "return_url": page.url},
        **extra,
    )


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT="3/15min")
def test_guessing_a_page_password_is_throttled_per_address(client, password_protected):
    for guess in ("a", "b", "c"):
        response = try_page_password(client, password_protected, guess)
        assert response.status_code == HTTPStatus.OK  # the form again
    assert_too_many_requests(
        try_page_password(client, password_protected, "opensesame")
    )
    # A reader elsewhere still gets in.
    response = try_page_password(
        client, password_protected, "opensesame", REMOTE_ADDR="198.51.100.30"
    )
    assert response.status_code == HTTPStatus.FOUND


@override_settings(PAGE_PASSWORD_FAILURE_LIMIT="3/15min")
def test_the_right_page_password_is_never_counted(client, password_protected):
    for _ in range(5):
        response = try_page_password(client, password_protected, "opensesame")
        assert response.status_code == HTTPStatus.FOUND
