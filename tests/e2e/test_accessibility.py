"""
Accessibility: axe-core, run inside the browser, finds no serious or critical
violation on the example frontend or on the CMS's server-rendered site.

axe-core comes bundled in the axe-playwright-python package, so nothing is
fetched at run time.
"""

from axe_playwright_python.sync_playwright import Axe

from .helpers import wait_for_frontend

BLOCKING = {"serious", "critical"}
SEED = "/news/syrian-regime-seeks-regional-support/"
# A live story with a table, a question and answer and a correction.
STORY = "/news/gulf-states-weigh-normalisation/"
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
    "site home": ("cms", "/"),
    "site article": ("cms", SEED),
    "site author": ("cms", "/authors/sofia-nawab/"),
    "site authors index": ("cms", "/authors/"),
    "site article index": ("cms", "/news/"),
    "site story blocks": ("cms", STORY),
    "site corrections log": ("cms", "/corrections/"),
    "site standard page": ("cms", "/corrections-policy/"),
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
