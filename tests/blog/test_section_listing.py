"""
The admin's listing of a news section pages through its articles without
counting the archive (``blog.section_listing``): the section's own number
of children is the total, and nobody sees an article they may not explore.
"""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group, Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from wagtail.models import GroupPagePermission

from blog.section_listing import SectionIndexView
from tests.factories import TEST_PASSWORD, ArticlePageFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def three_stories(newsroom, monkeypatch):
    """Three articles in News, listed two to a page, newest first."""
    monkeypatch.setattr(SectionIndexView, "paginate_by", 2)
    return [
        ArticlePageFactory(parent=newsroom.news, title=f"Harbour story {number}")
        for number in range(3)
    ]


def listing(client, user, section, page=1):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    url = reverse("wagtailadmin_explore", args=(section.pk,))
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"p": page})
    assert response.status_code == HTTPStatus.OK
    return response.content.decode(), [query["sql"] for query in queries]


def counts_of_pages(statements):
    return [
        sql
        for sql in statements
        if "COUNT(" in sql.upper()
        and '"wagtailcore_page"' in sql
        and "LIMIT" not in sql
    ]


@pytest.mark.parametrize("role", ["administrator", "editor", "writer"])
def test_a_section_pages_through_its_articles_without_counting_them(
    client, newsroom, three_stories, request, role
):
    user = request.getfixturevalue(role)
    first, first_queries = listing(client, user, newsroom.news)
    second, second_queries = listing(client, user, newsroom.news, page=2)

    shown = [
        [story.title in html for story in three_stories] for html in (first, second)
    ]
    assert shown == [[False, True, True], [True, False, False]]
    assert "Page 1 of 2" in first
    assert not counts_of_pages(first_queries + second_queries)


def test_someone_who_may_edit_some_articles_sees_only_those(
    client, newsroom, three_stories
):
    """Wagtail's own narrowing, and its count, still serve a partial permission."""
    group = Group.objects.create(name="Guest editor")
    group.permissions.add(Permission.objects.get(codename="access_admin"))
    change = Permission.objects.get(codename="change_page")
    for story in three_stories[:2]:
        GroupPagePermission.objects.create(group=group, page=story, permission=change)
    guest = UserFactory(username="guest", groups=[group])

    first, queries = listing(client, guest, newsroom.news)
    second, _queries = listing(client, guest, newsroom.news, page=2)

    assert three_stories[1].title in first
    assert three_stories[0].title in second
    assert three_stories[2].title not in first + second
    assert counts_of_pages(queries)
