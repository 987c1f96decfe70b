"""
Accessibility: axe-core, run inside the browser, finds no serious or critical
violation on the example frontend or on the CMS's server-rendered site, in
both directions (the English edition and the Arabic one, right to left).

axe-core comes bundled in the axe-playwright-python package, so nothing is
fetched at run time.
"""

from axe_playwright_python.sync_playwright import Axe

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


def _blocking_violations(page):
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
