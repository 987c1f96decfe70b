"""Each role's admin menus hold what the newsroom uses, and Help opens the newsroom's guide."""

from http import HTTPStatus

import pytest
from django.test import RequestFactory
from django.urls import reverse
from wagtail.admin.menu import admin_menu, help_menu, reports_menu

pytestmark = pytest.mark.django_db


def _request_for(user):
    request = RequestFactory().get("/admin/")
    request.user = user
    return request


def menu_names(menu, user):
    return [item.name for item in menu.menu_items_for_request(_request_for(user))]


def test_writers_reports_are_their_translations(writer):
    assert menu_names(reports_menu, writer) == ["translations"]


def test_editors_keep_the_reports_of_review_history_and_ageing(editor):
    assert menu_names(reports_menu, editor) == [
        "translations",
        "locked-pages",
        "workflows",
        "site-history",
        "aging-pages",
    ]


def test_administrators_keep_every_report(administrator):
    reports = menu_names(reports_menu, administrator)
    assert {"workflow-tasks", "page-types-usage"} <= set(reports)


@pytest.mark.parametrize("role", ["writer", "editor", "administrator"])
def test_help_opens_the_newsroom_guide_not_wagtails(request, role):
    user = request.getfixturevalue(role)
    help_items = help_menu.menu_items_for_request(_request_for(user))
    assert [item.name for item in help_items] == [
        "newsroom-guide",
        "keyboard-shortcuts-trigger",
    ]
    assert help_items[0].url == reverse("newsroom_editors_guide")


@pytest.mark.parametrize("role", ["writer", "editor", "administrator"])
def test_no_snippets_menu_beside_topics_and_reader_comments(request, role):
    user = request.getfixturevalue(role)
    assert "snippets" not in menu_names(admin_menu, user)


def test_writer_reads_the_newsroom_guide(client, writer):
    client.force_login(writer)
    response = client.get(reverse("newsroom_editors_guide"))

    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "<h1" in html and "Newsroom guide" in html
    for step in (
        "New article",
        "Submit to Editorial review",
        "Withdraw from review",
        "Changes requested",
        "Resubmit to Editor approval",
        "Changes since last review",
        "Request changes",
    ):
        assert step in html, step


def test_the_guide_is_for_signed_in_staff_only(client):
    response = client.get(reverse("newsroom_editors_guide"))
    assert response.status_code == HTTPStatus.FOUND
    assert response["Location"].startswith(reverse("wagtailadmin_login"))


def test_dashboard_links_the_newsroom_guide_not_wagtails(client, writer):
    client.force_login(writer)
    html = client.get(reverse("wagtailadmin_home")).content.decode()

    assert f'href="{reverse("newsroom_editors_guide")}"' in html
    assert "editor guide" not in html.lower()
    assert "guide.wagtail.org" not in html
