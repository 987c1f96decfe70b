"""Writers start articles in each edition from the dashboard."""

import re

import pytest
from django.urls import reverse

from tests.blog.test_writing import login

from .conftest import translate

pytestmark = pytest.mark.django_db


def test_dashboard_names_the_edition_of_each_news_section(newsroom, writer, client):
    arabic_news = translate(newsroom.news, "ar")
    login(client, writer)

    dashboard = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = dashboard[dashboard.index('class="new-article"') :]
    labels = [
        " ".join(label.split())
        for label in re.findall(r"</span>([^<]+?)\s*</a>", panel)[:2]
    ]

    assert labels == ["New article", "New article in News (العربية)"]
    add_arabic = reverse(
        "wagtailadmin_pages:add", args=("blog", "articlepage", arabic_news.pk)
    )
    assert f'href="{add_arabic}"' in panel
