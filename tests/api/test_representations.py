"""The article and author documents, built straight from page instances."""

import json

from cms.publishing.representations import (
    article_document,
    article_summary,
    author_document,
)
from home.models import FrontendSettings
from tests.factories import ArticlePageFactory, paragraphs


def test_article_document_has_the_documented_shape(seed_article, author):
    document = article_document(seed_article)

    assert document["type"] == "article"
    assert document["path"] == "/news/syrian-regime/"
    assert (
        document["api_url"] == f"http://testserver/api/v1/articles/{seed_article.pk}/"
    )
    assert document["section"]["slug"] == "news"
    assert [a["name"] for a in document["authors"]] == ["Sofia Nawab"]
    assert document["authors"][0]["photo"]["alt"] == "Portrait of Sofia Nawab"
    assert document["hero_image"]["caption"] == "Damascus at dusk"
    assert document["hero_image"]["credit"] == "AFP"
    assert [t["slug"] for t in document["topics"]] == ["iraq", "syria"]
    assert document["source"] == {
        "name": "www.jpost.com",
        "url": "https://www.jpost.com/story",
    }
    assert document["seo"]["social_image"]["id"] == seed_article.hero_image_id
    assert document["comment_count"] == 1
    assert document["reading_time"] >= 1
    json.dumps(document)  # JSON-ready as it is


def test_article_document_serialises_every_block_type(seed_article, related):
    blocks = {
        block["type"]: block["value"]
        for block in article_document(seed_article)["body"]
    }

    assert set(blocks) == {
        "paragraph",
        "heading",
        "image",
        "pull_quote",
        "embed",
        "callout",
        "related_article",
    }
    assert blocks["heading"] == {"text": "What happens next", "level": 3}
    assert blocks["image"]["caption"] == "The souk"
    assert blocks["image"]["image"]["srcset_webp"]
    assert blocks["pull_quote"] == {
        "quote": "We are ready.",
        "attribution": "A minister",
    }
    assert blocks["embed"]["provider_name"] == "YouTube"
    assert blocks["callout"]["body_html"] == "<p>Since 2011.</p>"
    assert blocks["related_article"]["article"]["id"] == related.pk


def test_internal_links_point_at_the_frontend(seed_article, newsroom):
    FrontendSettings.objects.create(
        site=newsroom.home.get_site(), base_url="https://www.example.com/"
    )

    document = article_document(seed_article)

    assert document["url"] == "https://www.example.com/news/syrian-regime/"
    assert 'href="https://www.example.com/news/earlier/"' in document["body_html"]
    assert any(
        'href="https://www.example.com/news/earlier/"' in block["value"].get("html", "")
        for block in document["body"]
    )


def test_related_article_card_in_body_html_points_at_the_frontend(
    seed_article, related, newsroom
):
    FrontendSettings.objects.create(
        site=newsroom.home.get_site(), base_url="https://www.example.com/"
    )

    body_html = article_document(seed_article)["body_html"]

    card = body_html[body_html.index('class="related-article"') :]
    assert 'href="https://www.example.com/news/earlier/"' in card


def test_images_offer_renditions_in_webp_and_original_format(seed_article):
    hero = article_document(seed_article)["hero_image"]

    formats = {rendition["format"] for rendition in hero["renditions"]}
    assert formats == {"jpeg", "webp"}
    assert all(r["url"].startswith("http://testserver/") for r in hero["renditions"])
    assert hero["original"]["width"] == 640


def test_comments_show_approved_replies_without_email(seed_article):
    document = article_document(seed_article)

    assert [comment["name"] for comment in document["comments"]] == ["Reader"]
    assert "private.example" not in json.dumps(document)


def test_draft_related_article_is_not_linked(newsroom, author):
    draft = ArticlePageFactory(parent=newsroom.news, title="Secret draft", live=False)
    article = ArticlePageFactory(
        parent=newsroom.news,
        body=[("related_article", {"article": draft, "label": "More"})],
    )

    document = article_document(article)

    assert document["body"][0]["value"]["article"] is None
    assert "Secret draft" not in document["body_html"]


def test_article_document_renders_an_unpublished_revision(seed_article, author):
    seed_article.title = "Draft headline"
    seed_article.body = paragraphs("Draft text.")
    revision = seed_article.save_revision()

    document = article_document(revision.as_object())

    assert document["title"] == "Draft headline"
    assert "Draft text." in document["body_html"]
    assert [a["id"] for a in document["authors"]] == [author.pk]


def test_summary_drops_the_heavy_fields(seed_article):
    summary = article_summary(article_document(seed_article))

    assert not {"body", "body_html", "comments", "seo"} & set(summary)
    assert summary["comment_count"] == 1


def test_author_document_lists_live_articles_and_no_email(
    author, seed_article, related, newsroom
):
    ArticlePageFactory(parent=newsroom.news, authors=[author], live=False)

    document = author_document(author)

    assert document["type"] == "author"
    assert document["article_count"] == 2
    assert [a["id"] for a in document["latest_articles"]] == [
        seed_article.pk,
        related.pk,
    ]
    assert document["links"] == [{"platform": "x", "url": "https://x.com/sofia"}]
    assert document["articles_url"].endswith(f"/api/v1/articles/?author={author.pk}")
    assert "@" not in json.dumps(document)
