"""The admin shows avatars without asking a third-party service."""

from http import HTTPStatus

import pytest
from django.urls import reverse

from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db


def test_admin_pages_never_send_an_email_hash_to_an_avatar_service(editor, client):
    assert client.login(username=editor.username, password=TEST_PASSWORD)
    for url in (reverse("wagtailadmin_home"), reverse("wagtailadmin_account")):
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK
        html = response.content.decode()
        assert "gravatar" not in html
        assert "/static/wagtailadmin/images/default-user-avatar" in html
