"""
Accessibility: axe-core, run inside the browser, finds no serious or critical
violation on the example frontend or on the CMS's server-rendered site, in
both directions (the English edition and the Arabic one, right to left).

axe-core comes bundled in the axe-playwright-python package, so nothing is
fetched at run time.
"""

import pytest
from axe_playwright_python.sync_playwright import Axe
from django.core.files.base import ContentFile
from django.core.management import call_command
from playwright.sync_api import expect
from wagtail.documents.models import Document
from wagtail.embeds.blocks import EmbedValue
from wagtail.embeds.embeds import get_embed_hash
from wagtail.embeds.models import Embed
from wagtail.models import Locale
from wagtail.rich_text import RichText

from blog.models import ArticlePage
from cms.images.models import NewsImage
from tests.factories import ArticlePageFactory

from .helpers import wait_for_frontend

BLOCKING = {"serious", "critical"}
SEED = "/news/syrian-regime-seeks-regional-support/"
# A live story with a table, a question and answer and a correction.
STORY = "/news/gulf-states-weigh-normalisation/"
# The Arabic edition, right to left.
ARABIC_SEED = f"/ar{SEED}"
PAGES = {
    # name: (which site, path)
    "frontend home": ("frontend", "/"),
    "frontend article": ("frontend", SEED),
    "frontend author": ("frontend", "/authors/sofia-nawab/"),
    "frontend authors": ("frontend", "/authors/"),
    "frontend section": ("frontend", "/news/"),
    "frontend topic": ("frontend", "/topics/syria/"),
    "frontend not found": ("frontend", "/no-such-page/"),
    "frontend story blocks": ("frontend", STORY),
    "frontend home (Arabic)": ("frontend", "/ar/"),
    "frontend article (Arabic)": ("frontend", ARABIC_SEED),
    "frontend author (Arabic)": ("frontend", "/ar/authors/sofia-nawab/"),
    "frontend authors (Arabic)": ("frontend", "/ar/authors/"),
    "frontend section (Arabic)": ("frontend", "/ar/news/"),
    "frontend topic (Arabic)": ("frontend", "/ar/topics/syria/"),
    "frontend not found (Arabic)": ("frontend", "/ar/no-such-page/"),
    "site home": ("cms", "/"),
    "site article": ("cms", SEED),
    "site author": ("cms", "/authors/sofia-nawab/"),
    "site authors index": ("cms", "/authors/"),
    "site article index": ("cms", "/news/"),
    "site story blocks": ("cms", STORY),
    "site corrections log": ("cms", "/corrections/"),
    "site standard page": ("cms", "/corrections-policy/"),
    "site home (Arabic)": ("cms", "/ar/"),
    "site article (Arabic)": ("cms", ARABIC_SEED),
    "site author (Arabic)": ("cms", "/ar/authors/sofia-nawab/"),
    "site article index (Arabic)": ("cms", "/ar/news/"),
}


def _settle(page):
    """
    Wait until no CSS transition or animation is running. Wagtail's messages
    fade in over half a second; axe measuring contrast mid-fade sees
    half-transparent text and reports a violation no reader ever meets.
    """
    page.wait_for_function(
        "document.getAnimations().every("
        "a => a.playState !== 'running' || a.effect?.getTiming().iterations === Infinity)"
    )


def _blocking_violations(page):
    _settle(page)
    results = Axe().run(page)
    return [
        violation
        for violation in results.response["violations"]
        if violation["impact"] in BLOCKING
    ]


def _describe(name, violations):
    lines = [f"{name}:"]
    for violation in violations:
        lines.append(
            f"  [{violation['impact']}] {violation['id']}: {violation['help']}"
        )
        lines.extend(f"      {node['target']}" for node in violation["nodes"][:5])
    return "\n".join(lines)


def test_frontend_and_site_pages_have_no_serious_accessibility_violations(
    demo, new_page
):
    page = new_page()
    found = []
    for name, (site, path) in PAGES.items():
        base = demo.frontend if site == "frontend" else demo.cms
        page.goto(base + path)
        if site == "frontend":
            wait_for_frontend(page)
        violations = _blocking_violations(page)
        if violations:
            found.append(_describe(name, violations))
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(
        found
    )


EVERY_BLOCK_SLUG = "every-block-on-count-night"
EMBED_URL = "https://www.youtube.com/watch?v=jNQXAC9IVRw"


def _file(title, name, content):
    return Document.objects.create(title=title, file=ContentFile(content, name=name))


def _article_with_every_block():
    """
    A live article holding every body block type, and a correction. The
    embed's provider answer is stored beforehand, as Wagtail caches it, so
    nothing is fetched from the web.
    """
    Embed.objects.create(
        url=EMBED_URL,
        hash=get_embed_hash(EMBED_URL),
        type="video",
        title="Polling stations open",
        provider_name="YouTube",
        html='<iframe title="Polling stations open" width="480" height="270" '
        'src="about:blank" allowfullscreen></iframe>',
    )
    first, second = NewsImage.objects.order_by("pk")[:2]
    ruling = _file("High Court ruling", "ruling.pdf", b"%PDF-1.4\n%%EOF\n")
    episode = _file("The Briefing, episode 12", "episode-12.mp3", b"ID3")
    briefing = _file("Press conference", "press-conference.mp4", b"\0\0\0\x18ftyp")
    transcript = "<p><b>Host:</b> Good evening, and welcome to the count.</p>"
    seed = ArticlePage.objects.get(
        slug="gulf-states-weigh-normalisation", locale=Locale.get_default()
    )
    body = [
        ("paragraph", RichText("<p>Turnout reached <b>68 per cent</b>.</p>")),
        ("heading", {"text": "How the night went", "level": "h2"}),
        ("image", {"image": first, "caption": "", "alignment": "full"}),
        ("pull_quote", {"quote": "Every vote counted.", "attribution": "An observer"}),
        ("embed", EmbedValue(EMBED_URL)),
        (
            "callout",
            {
                "title": "Key facts",
                "tone": "info",
                "body": RichText("<ul><li>650 seats.</li></ul>"),
            },
        ),
        ("related_article", {"article": seed, "label": "Read more"}),
        (
            "table",
            {
                "data": [["Party", "Seats"], ["Labour", "412"], ["Reform", "5"]],
                "table_caption": "Seats won",
                "table_header_choice": "row",
                "first_row_is_table_header": True,
                "first_col_is_header": False,
                "cell": [{"row": 1, "col": 1, "className": "htRight"}],
            },
        ),
        (
            "code",
            {"language": "python", "code": "def turnout(v, e):\n    return v / e\n"},
        ),
        (
            "gallery",
            {
                "title": "Count night",
                "images": [
                    {"image": first, "caption": "", "credit": ""},
                    {"image": second, "caption": "Recount", "credit": "Pool"},
                ],
            },
        ),
        ("document", {"document": ruling, "title": ""}),
        (
            "details",
            {
                "question": "What is a hung parliament?",
                "answer": RichText("<p>One where no party has a majority.</p>"),
            },
        ),
        (
            "media",
            {
                "kind": "audio",
                "file": episode,
                "title": "The Briefing, episode 12",
                "duration": 1265,
                "poster": None,
                "transcript": RichText(transcript),
            },
        ),
        (
            "media",
            {
                "kind": "video",
                "file": briefing,
                "title": "The minister's statement",
                "duration": 95,
                "poster": second,
                "transcript": RichText(transcript),
            },
        ),
    ]
    assert {name for name, _value in body} == set(
        ArticlePage.body.field.stream_block.child_blocks
    )
    return ArticlePageFactory(
        parent=seed.get_parent(),
        title="Every Block on Count Night",
        slug=EVERY_BLOCK_SLUG,
        body=body,
        corrections=[
            {
                "kind": "correction",
                "text": "An earlier version gave the wrong turnout.",
            }
        ],
    )


@pytest.fixture
def every_block(demo):
    """
    The servers with the article of every block published, made before the
    browser starts (Django refuses ORM calls beside Playwright's loop).
    """
    _article_with_every_block()
    call_command("rebuild_delivery_documents", verbosity=0)
    return demo


def test_an_article_with_every_block_type_has_no_serious_accessibility_violations(
    every_block, new_page
):
    demo = every_block
    page = new_page()
    found = []
    for name, base in (("site", demo.cms), ("frontend", demo.frontend)):
        page.goto(f"{base}/news/{EVERY_BLOCK_SLUG}/")
        if name == "frontend":
            wait_for_frontend(page)
        article = page.get_by_role("article").first
        # Every block is on the page, so axe looks at each of them.
        expect(article.locator(".table-block caption")).to_have_text("Seats won")
        expect(article.locator(".gallery img")).to_have_count(2)
        expect(article.locator("audio")).to_have_count(1)
        expect(article.locator("video")).to_have_count(1)
        expect(article.locator(".media-block__transcript")).to_have_count(2)
        expect(article.locator(".document-block__link")).to_have_text(
            "High Court ruling"
        )
        expect(article.locator(".details-block summary")).to_have_text(
            "What is a hung parliament?"
        )
        expect(article.locator(".embed iframe")).to_have_count(1)
        expect(article.locator("pre code")).to_contain_text("def turnout")
        expect(article).to_contain_text("An earlier version gave the wrong turnout.")
        page.shot(f"every-block-{name}")
        violations = _blocking_violations(page)
        if violations:
            found.append(_describe(f"{name} article with every block", violations))
    assert not found, "axe-core found serious or critical violations:\n" + "\n".join(
        found
    )


def test_arabic_pages_are_marked_right_to_left_in_arabic(demo, new_page):
    """Screen readers pick the voice from lang, and browsers the direction from dir."""
    page = new_page()
    for name, (site, path) in PAGES.items():
        if not path.startswith("/ar/"):
            continue
        base = demo.frontend if site == "frontend" else demo.cms
        page.goto(base + path)
        if site == "frontend":
            wait_for_frontend(page)
        html = page.locator("html")
        assert html.get_attribute("lang") == "ar", name
        assert html.get_attribute("dir") == "rtl", name
