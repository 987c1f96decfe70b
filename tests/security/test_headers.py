"""Security headers on the site, the API and the admin."""

from http import HTTPStatus

import pytest

from tests.factories import TEST_PASSWORD, ArticlePageFactory

pytestmark = pytest.mark.django_db

COMMON = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Cross-Origin-Opener-Policy": "same-origin",
}


def test_article_pages_carry_a_content_security_policy(client, newsroom):
    article = ArticlePageFactory(parent=newsroom.news, title="Souk reopens")
    response = client.get(article.url)
    assert response.status_code == HTTPStatus.OK
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy.split("script-src", 1)[1].split(";")[0]
    assert "object-src 'none'" in policy
    assert "frame-ancestors 'self'" in policy
    for name, value in COMMON.items():
        assert response[name] == value
    assert "camera=()" in response["Permissions-Policy"]


def test_server_rendered_pages_have_no_inline_scripts_the_policy_would_block(
    client, newsroom
):
    article = ArticlePageFactory(parent=newsroom.news, title="Souk reopens")
    html = client.get(article.url).content.decode()
    for tag in html.split("<script")[1:]:
        assert "src=" in tag.split(">", 1)[0], "inline <script> found"
    assert " onclick=" not in html


def test_the_admin_keeps_working_without_the_site_policy(client, editor):
    client.login(username=editor.username, password=TEST_PASSWORD)
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    assert "Content-Security-Policy" not in response
    assert response["X-Content-Type-Options"] == "nosniff"


def test_api_responses_carry_the_common_headers(client, newsroom):
    response = client.get("/api/unknown-endpoint/")
    for name, value in COMMON.items():
        assert response[name] == value
