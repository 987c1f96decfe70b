"""
Scenario 2, the reader: the example frontend, fed only by the Delivery API,
shows the demo's seed article in full and leads to its author's posts.
"""

import re

from playwright.sync_api import expect

from .helpers import wait_for_frontend

SEED_TITLE = "Syrian Regime Seeks Regional Support as Opposition Gains Ground"


def test_reader_finds_the_seed_article_in_full_and_all_posts_by_its_author(
    demo, new_page
):
    page = new_page()
    page.goto(f"{demo.frontend}/")
    wait_for_frontend(page)
    latest = page.get_by_role("region", name="Latest")
    expect(latest.get_by_role("link", name=SEED_TITLE)).to_be_visible()
    page.shot("frontend-home")

    latest.get_by_role("link", name=SEED_TITLE).click()
    page.wait_for_url(f"{demo.frontend}/news/syrian-regime-seeks-regional-support/")
    wait_for_frontend(page)
    article = page.get_by_role("article").first
    expect(page).to_have_title(re.compile(f"^{SEED_TITLE}"))
    expect(article.get_by_role("heading", level=1)).to_have_text(SEED_TITLE)
    expect(article.locator(".article__standfirst")).to_contain_text(
        "As the Syrian regime faces significant territorial losses in the north"
    )
    # Byline, then the hero image from the API's renditions.
    expect(article.locator(".article__byline")).to_contain_text("By Sofia Nawab")
    expect(article.locator(".article__byline time")).to_have_text("2 December 2024")
    hero = article.locator(".article__hero img")
    expect(hero).to_have_attribute("alt", "A desert horizon at dusk")
    expect(hero).to_have_attribute("srcset", re.compile(r"width-320\.jpg 320w"))
    assert hero.evaluate("img => img.complete && img.naturalWidth > 0"), (
        "the hero image did not load"
    )
    # The body: every paragraph of the seed article, in order.
    paragraphs = article.locator(".article__body > p")
    expect(paragraphs.first).to_contain_text("In light of recent territorial losses")
    expect(paragraphs.last).to_contain_text(
        "In summary, the Syrian regime\u2019s outreach to Iraq, Iran, and the UAE"
    )
    # Source line and topics.
    expect(article.locator(".article__source")).to_have_text(
        re.compile(r"Original Source:\s+www\.jpost\.com")
    )
    expect(
        article.locator(".article__source").get_by_role("link", name="www.jpost.com")
    ).to_have_attribute("href", "https://www.jpost.com/")
    topics = article.get_by_role("navigation", name="Topics").get_by_role("link")
    expect(topics).to_have_text(["Iran", "Iraq", "Syria", "UAE"])
    # The author bio box.
    bio_box = page.get_by_role("complementary", name="About Sofia Nawab")
    expect(bio_box).to_contain_text("Feature writer")
    expect(bio_box).to_contain_text("in-depth profiles and human-interest stories")
    more = bio_box.get_by_role("link", name="View all posts by Sofia Nawab")
    expect(more).to_be_visible()
    # Reader comments: the approved one, and where to leave a reply.
    comments = page.get_by_role("region", name="1 comment")
    expect(comments).to_contain_text("Layla")
    expect(comments).to_contain_text("A clear summary of a fast-moving story.")
    expect(comments.get_by_role("link", name="Leave a Reply")).to_have_attribute(
        "href", f"{demo.cms}/news/syrian-regime-seeks-regional-support/#reply"
    )
    bio_box.scroll_into_view_if_needed()
    page.wait_for_load_state("networkidle")
    page.shot("frontend-article")

    more.click()
    page.wait_for_url(f"{demo.frontend}/authors/sofia-nawab/")
    wait_for_frontend(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Sofia Nawab")
    posts = page.get_by_role("region", name="All posts by Sofia Nawab")
    # Both of her live articles (one co-written with Omar Haddad); never a draft.
    expect(posts.get_by_role("heading", level=3)).to_have_text(
        [
            "Gulf States Weigh the Cost of Normalisation with Damascus",
            SEED_TITLE,
        ]
    )
    expect(posts).not_to_contain_text("Aleppo's Old Markets Reopen")
    page.shot("frontend-author")

    page.goto(f"{demo.frontend}/topics/iraq/")
    wait_for_frontend(page)
    expect(page.get_by_role("heading", level=1)).to_have_text("Topic: Iraq")
    expect(page.get_by_role("heading", level=2)).to_have_text([SEED_TITLE])
    page.shot("frontend-topic")
    assert page.js_errors == []


def test_reader_sees_a_square_portrait_and_the_thank_you_after_commenting(
    demo, new_page
):
    page = new_page()
    page.goto(f"{demo.cms}/news/syrian-regime-seeks-regional-support/")
    photo = page.locator(".author-box__photo")
    box = photo.bounding_box()
    assert box is not None and abs(box["width"] - box["height"]) < 1, box
    # Not stretched: the picture keeps its own proportions in the square box,
    # either because the rendition is square or because it is cropped to fit.
    fit, natural_ratio = photo.evaluate(
        "img => [getComputedStyle(img).objectFit, img.naturalWidth / img.naturalHeight]"
    )
    assert fit in ("cover", "contain") or abs(natural_ratio - 1) < 0.02, (
        fit,
        natural_ratio,
    )

    form = page.locator("form.comment-form")
    form.get_by_label("Name").fill("Karim")
    form.get_by_label("E-mail").fill("karim@reader.example")
    form.get_by_label("Comment").fill("Useful context on the summit.")
    form.get_by_role("button", name="Post Comment").click()
    thanks = page.get_by_role("status").filter(has_text="Thank you")
    expect(thanks).to_be_in_viewport()
    page.shot("comment-thank-you", full_page=False)
