"""The admin speaks as the newsroom, named by WAGTAIL_SITE_NAME."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_sign_in_page_names_the_newsroom_not_wagtail(client, settings):
    settings.WAGTAIL_SITE_NAME = "The Levant Desk"
    html = client.get(reverse("wagtailadmin_login")).content.decode()
    assert "Sign in to The Levant Desk" in html
    assert "Sign in to Wagtail" not in html
    assert "- The Levant Desk</title>" in html


def test_admin_pages_are_titled_with_the_newsroom(client, editor, settings):
    settings.WAGTAIL_SITE_NAME = "The Levant Desk"
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "- The Levant Desk</title>" in html
    assert "- Wagtail</title>" not in html
