"""Fixtures for the Delivery API tests: a seed-like article with every block type."""

import pytest
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.rich_text import RichText

from blog.models import AuthorLink, ReaderComment
from tests.contract import checking_responses
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    paragraphs,
)

EMBED_URL = "https://www.youtube.com/watch?v=delivery"


@pytest.fixture
def embed(db):
    """A stored oEmbed result, so rendering an embed block never goes to the network."""
    return Embed.objects.create(
        url=EMBED_URL,
        hash=get_embed_hash(EMBED_URL),
        type="video",
        html='<iframe src="https://www.youtube.com/embed/delivery"></iframe>',
        title="Delivery video",
        provider_name="YouTube",
        thumbnail_url="https://i.ytimg.com/vi/delivery/hq.jpg",
        width=480,
        height=270,
    )


@pytest.fixture
def author(newsroom):
    photo = ImageFactory(title="Sofia Nawab", alt_text="Portrait of Sofia Nawab")
    author = AuthorPageFactory(
        parent=newsroom.authors,
        title="Sofia Nawab",
        slug="sofia-nawab",
        role="Feature writer",
        photo=photo,
        website="https://sofia.example",
    )
    AuthorLink.objects.create(page=author, platform="x", url="https://x.com/sofia")
    return author


@pytest.fixture
def related(newsroom, author):
    return ArticlePageFactory(
        parent=newsroom.news, title="Earlier story", slug="earlier", authors=[author]
    )


@pytest.fixture
def seed_article(newsroom, author, related, embed):
    """An article like the demo's seed story, using every body block type."""
    hero = ImageFactory(title="Damascus", caption="Damascus at dusk", credit="AFP")
    inline = ImageFactory(title="Market", caption="The souk", credit="Reuters")
    body = [
        *paragraphs("Opening paragraph."),
        (
            "paragraph",
            RichText(f'<p>See <a linktype="page" id="{related.pk}">earlier</a>.</p>'),
        ),
        ("heading", {"text": "What happens next", "level": "h3"}),
        ("image", {"image": inline, "caption": "", "alignment": "inline"}),
        ("pull_quote", {"quote": "We are ready.", "attribution": "A minister"}),
        ("embed", EMBED_URL),
        (
            "callout",
            {
                "title": "Key facts",
                "body": RichText("<p>Since 2011.</p>"),
                "tone": "info",
            },
        ),
        ("related_article", {"article": related, "label": "Read more"}),
    ]
    article = ArticlePageFactory(
        parent=newsroom.news,
        title="Syrian Regime Seeks Regional Support",
        slug="syrian-regime",
        standfirst="Damascus courts its neighbours.",
        authors=[author],
        topics=["Syria", "Iraq"],
        hero_image=hero,
        source_name="www.jpost.com",
        source_url="https://www.jpost.com/story",
        body=body,
    )
    ReaderComment.objects.create(
        article=article,
        name="Reader",
        email="reader@private.example",
        body="Thoughtful piece.",
        status=ReaderComment.Status.APPROVED,
    )
    ReaderComment.objects.create(
        article=article, name="Pending", email="p@private.example", body="Hm."
    )
    return article


@pytest.fixture
def redis_commands(monkeypatch):
    """The names of the commands sent to the shared cache's Redis from now on."""
    from cms.sharedcache import shared_redis

    redis = shared_redis()._backend.get_client(write=True)
    commands = []
    original = type(redis).execute_command

    def recording(self, *args, **kwargs):
        commands.append(args[0])
        return original(self, *args, **kwargs)

    monkeypatch.setattr(type(redis), "execute_command", recording)
    return commands


@pytest.fixture(autouse=True)
def _responses_match_the_openapi_documents(monkeypatch):
    """Every response an API test receives is one its API's OpenAPI document describes."""
    checking_responses(monkeypatch)
