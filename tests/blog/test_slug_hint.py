"""The slug's hint shows the address the page will have on the newsroom's site."""

import re
from html import unescape

import pytest
from django.urls import reverse
from wagtail.models import Site

from tests.editions.conftest import translate
from tests.factories import ArticlePageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def served_at_8000(newsroom):
    """The default site as the demo configures it from WAGTAILADMIN_BASE_URL."""
    site = Site.objects.get(is_default_site=True)
    site.hostname, site.port = "127.0.0.1", 8000
    site.save()


def slug_hint(html):
    match = re.search(r'id="[^"]*slug-helptext"[^>]*>(.*?)</div>', html, re.S)
    assert match, "the slug field has a hint"
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", match.group(1))).split())


def test_new_article_hint_is_the_news_section_address(
    client, writer, newsroom, served_at_8000
):
    client.force_login(writer)
    html = client.get(
        reverse(
            "wagtailadmin_pages:add",
            args=("blog", "articlepage", newsroom.news.pk),
        )
    ).content.decode()

    assert (
        slug_hint(html)
        == "The last part of the page's address: 127.0.0.1:8000/news/[slug]/"
    )
    assert "domain.com" not in html


def test_author_bio_hint_is_the_authors_section_address(
    client, editor, newsroom, served_at_8000
):
    client.force_login(editor)
    html = client.get(
        reverse(
            "wagtailadmin_pages:add",
            args=("blog", "authorpage", newsroom.authors.pk),
        )
    ).content.decode()

    assert slug_hint(html).endswith("127.0.0.1:8000/authors/[slug]/")


def test_arabic_article_hint_is_the_arabic_edition_address(
    client, editor, newsroom, served_at_8000
):
    article = ArticlePageFactory(parent=newsroom.news, title="Hama", slug="hama")
    arabic = translate(article, "ar", publish=False)
    client.force_login(editor)

    html = client.get(
        reverse("wagtailadmin_pages:edit", args=(arabic.pk,))
    ).content.decode()

    assert slug_hint(html).endswith("127.0.0.1:8000/ar/news/[slug]/")


def test_home_page_hint_names_no_made_up_address(client, editor, newsroom):
    client.force_login(editor)
    html = client.get(
        reverse("wagtailadmin_pages:edit", args=(newsroom.home.pk,))
    ).content.decode()

    assert "domain.com" not in slug_hint(html)
