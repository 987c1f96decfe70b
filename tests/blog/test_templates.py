import re
from http import HTTPStatus

import pytest

from blog.models import ReaderComment
from tests.factories import ArticlePageFactory, AuthorPageFactory, ImageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    from cms.devtools.demo.newsroom import load_demo_newsroom

    load_demo_newsroom()


SEED_URL = "/news/syrian-regime-seeks-regional-support/"


def test_seed_article_renders_every_part_of_the_original(demo, client):
    response = client.get(SEED_URL)
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert (
        '<h1 class="article__title">Syrian Regime Seeks Regional Support as Opposition Gains Ground</h1>'
        in html
    )
    assert (
        "As the Syrian regime faces significant territorial losses in the north" in html
    )
    assert "Since the onset of the civil war in Syria in 2011" in html
    assert 'By <a href="/authors/sofia-nawab/">Sofia Nawab</a>' in html
    assert "Original Source:" in html
    assert "www.jpost.com" in html
    assert "About Sofia Nawab" in html
    assert "talented feature writer" in html
    assert "View all posts by Sofia Nawab" in html
    for topic in ("Syria", "Iraq", "Iran", "UAE"):
        assert f">{topic}</a>" in html
    assert "Leave a Reply" in html
    assert "Your email address will not be published." in html
    assert "min read" in html


def test_home_page_lists_the_latest_live_articles(demo, client):
    html = client.get("/").content.decode()
    assert "Syrian Regime Seeks Regional Support" in html
    assert "Gulf States Weigh" in html
    assert "Aleppo" not in html  # a draft
    assert "Hama Braces" not in html  # in moderation
    assert "Baghdad Summit" not in html  # scheduled


def test_news_index_filters_by_topic(newsroom, client):
    ArticlePageFactory(parent=newsroom.news, title="About Iraq", topics=["Iraq"])
    ArticlePageFactory(parent=newsroom.news, title="About Iran", topics=["Iran"])
    html = client.get("/news/", {"topic": "iraq"}).content.decode()
    assert "About Iraq" in html
    assert "About Iran" not in html
    unknown = client.get("/news/", {"topic": "atlantis"})
    assert unknown.status_code == HTTPStatus.OK
    assert "No topic called" in unknown.content.decode()


def test_drafts_are_not_served_to_readers(newsroom, client):
    draft = ArticlePageFactory(parent=newsroom.news, title="Secret draft", live=False)
    assert client.get(f"/news/{draft.slug}/").status_code == HTTPStatus.NOT_FOUND
    assert "Secret draft" not in client.get("/news/").content.decode()


def test_hero_image_shows_caption_and_credit(newsroom, client):
    image = ImageFactory(
        caption="Smoke over the city.", credit="Reuters / A. Photographer"
    )
    article = ArticlePageFactory(parent=newsroom.news, hero_image=image)
    html = client.get(article.url).content.decode()
    assert "Smoke over the city." in html
    assert "Reuters / A. Photographer" in html
    assert 'alt="A test photograph"' in html


def test_every_body_block_renders(newsroom, client):
    from wagtail.rich_text import RichText

    image = ImageFactory()
    related = ArticlePageFactory(parent=newsroom.news, title="Earlier coverage")
    body = [
        ("heading", {"text": "A section", "level": "h2"}),
        ("paragraph", RichText("<p>Some <b>bold</b> text.</p>")),
        ("image", {"image": image, "caption": "", "alignment": "full"}),
        ("pull_quote", {"quote": "A quote.", "attribution": "Someone"}),
        (
            "callout",
            {"title": "Key facts", "body": RichText("<p>Fact.</p>"), "tone": "info"},
        ),
        ("related_article", {"article": related, "label": "Read more"}),
    ]
    article = ArticlePageFactory(parent=newsroom.news, body=body)
    html = client.get(article.url).content.decode()
    assert "<h2>A section</h2>" in html
    assert "<b>bold</b>" in html
    assert "A caption" in html
    assert "<blockquote><p>A quote.</p></blockquote>" in html
    assert "Key facts" in html
    assert "Earlier coverage" in html


def test_search_page_finds_articles_and_authors(newsroom, client):
    AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    ArticlePageFactory(parent=newsroom.news, title="Regional support sought")
    html = client.get("/search/", {"query": "regional"}).content.decode()
    assert "Regional support sought" in html
    assert "Sofia Nawab" in client.get("/search/", {"query": "Nawab"}).content.decode()


def test_reader_comment_waits_for_moderation_and_hides_the_email(newsroom, client):
    article = ArticlePageFactory(parent=newsroom.news)
    response = client.post(
        article.url,
        {"name": "Layla", "email": "layla@reader.example", "body": "Thoughtful piece."},
    )
    assert response.status_code == HTTPStatus.FOUND
    comment = ReaderComment.objects.get()
    assert comment.status == ReaderComment.Status.PENDING
    assert "Thoughtful piece." not in client.get(article.url).content.decode()

    comment.status = ReaderComment.Status.APPROVED
    comment.save()
    html = client.get(article.url).content.decode()
    assert "Thoughtful piece." in html
    assert "layla@reader.example" not in html


def test_invalid_reader_comment_shows_field_errors_and_saves_nothing(newsroom, client):
    article = ArticlePageFactory(parent=newsroom.news)
    response = client.post(
        article.url, {"name": "", "email": "not-an-email", "body": ""}
    )
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    assert "field__error" in html
    assert "Enter a valid email address." in html
    assert not ReaderComment.objects.exists()


def _meta(html, attribute, name):
    found = re.search(rf'<meta {attribute}="{re.escape(name)}" content="([^"]*)"', html)
    return found.group(1) if found else None


def test_shared_article_shows_description_title_and_social_image(newsroom, client):
    hero = ImageFactory(title="Hero")
    social = ImageFactory(title="Social card")
    article = ArticlePageFactory(
        parent=newsroom.news,
        title="Damascus Airport Reopens",
        standfirst="The first commercial flight in a decade landed on Monday.",
        hero_image=hero,
        social_image=social,
    )
    html = client.get(article.url).content.decode()
    description = "The first commercial flight in a decade landed on Monday."
    assert _meta(html, "name", "description") == description
    assert _meta(html, "property", "og:description") == description
    assert _meta(html, "property", "og:title") == "Damascus Airport Reopens"
    assert _meta(html, "property", "og:type") == "article"
    assert _meta(html, "property", "og:url") == article.get_full_url()
    assert _meta(html, "name", "twitter:card") == "summary_large_image"
    image_url = _meta(html, "property", "og:image")
    assert image_url.startswith("http") and "fill-1200x630" in image_url
    assert social.renditions.filter(filter_spec="fill-1200x630").exists()
    assert not hero.renditions.filter(filter_spec="fill-1200x630").exists()
    assert _meta(html, "name", "twitter:image") == image_url


def test_author_page_shares_the_bio_and_photo(newsroom, client):
    author = AuthorPageFactory(
        parent=newsroom.authors, short_bio="Covers the Gulf.", photo=ImageFactory()
    )
    html = client.get(author.url).content.decode()
    assert _meta(html, "name", "description") == "Covers the Gulf."
    assert _meta(html, "property", "og:type") == "website"
    assert _meta(html, "property", "og:image")


def test_favicon_is_served_at_the_sites_root(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"] == "image/x-icon"
    assert b"".join(response.streaming_content)[:4] == b"\x00\x00\x01\x00"
