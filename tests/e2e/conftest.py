"""
Browser tests: Playwright drives Debian's Chromium against the CMS on
pytest-django's live server and the example frontend (examples/frontend)
served from a thread.

Nothing is downloaded at run time: the browser is the system's
``/usr/bin/chromium`` (``.ci/run`` installs it), and a missing browser fails
the tests loudly rather than skipping them, so CI can never pass without
having looked.
"""

import os
import re
import threading
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from .helpers import (
    ARTIFACTS,
    CHROMIUM,
    CHROMIUM_ARGS,
    PASSWORDS,
    TIMEOUT_MS,
    load_frontend_server,
)


def pytest_collection_modifyitems(items):
    """Every test under tests/e2e is an ``e2e`` test (``-m "not e2e"`` skips them)."""
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    """Keep each phase's report on the test, so fixtures can tell a failure."""
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


_SNAPSHOT = pytest.StashKey[str]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item, nextitem):
    """After the transactional test's flush, restore the database it started with."""
    result = yield
    snapshot = item.stash.get(_SNAPSHOT, None)
    if snapshot:
        from pytest_django.plugin import blocking_manager_key

        with item.config.stash[blocking_manager_key].unblock():
            _restore(snapshot)
    return result


def _restore(snapshot):
    """Empty the database and load ``snapshot`` (``serialize_db_to_string``) into it."""
    from django.contrib.contenttypes.models import ContentType
    from django.core import serializers
    from django.core.management import call_command
    from django.core.management.color import no_style
    from django.db import connection, transaction

    # The teardown's flush may have recreated content types and
    # permissions (post_migrate) under new ids; start from empty.
    call_command(
        "flush",
        database=connection.alias,
        interactive=False,
        inhibit_post_migrate=True,
        verbosity=0,
    )
    objects = list(serializers.deserialize("json", snapshot))
    # Saving a page fires signals that look up its content type; the
    # content types must be back before anything asks for them.
    objects.sort(key=lambda obj: not isinstance(obj.object, ContentType))
    ContentType.objects.clear_cache()
    with transaction.atomic(using=connection.alias):
        with connection.constraint_checks_disabled():
            for obj in objects:
                obj.save(using=connection.alias)
        connection.check_constraints()
        # As loaddata does: ids continue after the restored rows (PostgreSQL).
        models = {type(obj.object) for obj in objects}
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), models):
                cursor.execute(sql)


@pytest.fixture
def browser():
    """
    A headless Chromium for one test.

    Playwright's sync API keeps an asyncio loop on the test's thread while it
    runs, and Django refuses ORM calls from a thread with a running loop; a
    browser per test (about a second to start) is closed before the test's
    database is flushed and before any other test runs.
    """
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(
            f"The browser tests need Chromium at {CHROMIUM} and it is missing. "
            "Install it with `apt-get install -y chromium` (.ci/run does), "
            "or point E2E_CHROMIUM at another Chromium binary.",
            pytrace=False,
        )
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=TIMEOUT_MS)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser, request):
    """
    Open a page in a fresh browser context (its own cookies: one per user).

    Contexts are closed after the test; ``page.shot("name")`` saves a
    screenshot to test-artifacts/e2e/<test name>/.
    """
    contexts = []
    folder = ARTIFACTS / re.sub(r"[^\w.-]+", "_", request.node.name)
    folder.mkdir(parents=True, exist_ok=True)

    def open_page(**context_options):
        context = browser.new_context(
            viewport={"width": 1280, "height": 900}, **context_options
        )
        context.set_default_timeout(TIMEOUT_MS)
        contexts.append(context)
        page = context.new_page()
        errors = []
        page.on("pageerror", lambda error: errors.append(error))
        page.js_errors = errors

        def shot(name, full_page=True):
            page.screenshot(path=str(folder / f"{name}.png"), full_page=full_page)

        page.shot = shot
        return page

    yield open_page
    report = getattr(request.node, "report_call", None)
    for number, context in enumerate(contexts, start=1):
        if report is not None and report.failed:
            # What each user's browser showed when the test failed.
            for page in context.pages:
                page.screenshot(path=str(folder / f"failure-{number}.png"))
        context.close()


class _MediaHandler(SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _serve(server):
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@dataclass
class Servers:
    cms: str  # the CMS on the live server, e.g. http://localhost:41234
    frontend: str  # the example frontend, e.g. http://127.0.0.1:41235
    media: str

    @property
    def api(self):
        return f"{self.cms}/api/v1/"


@pytest.fixture
def servers(live_server, settings, tmp_path):
    """
    The CMS on the live server, the example frontend pointed at its API, and
    uploaded media served as a CDN would serve them (DEBUG is off, so Django
    does not serve media).
    """
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.MEDIA_ROOT.mkdir()
    media = _serve(
        ThreadingHTTPServer(
            ("127.0.0.1", 0),
            partial(_MediaHandler, directory=str(settings.MEDIA_ROOT)),
        )
    )
    settings.MEDIA_URL = f"http://127.0.0.1:{media.server_port}/"
    frontend = load_frontend_server().serve_in_thread(
        port=0, api_base=f"{live_server.url}/api/v1/", quiet=True
    )
    found = Servers(
        cms=live_server.url,
        frontend=f"http://127.0.0.1:{frontend.server_port}",
        media=settings.MEDIA_URL,
    )
    # Documents are rendered at publish time, without a request: their
    # absolute URLs must name the live server.
    settings.WAGTAILADMIN_BASE_URL = found.cms
    settings.CORS_ALLOWED_ORIGINS = [found.frontend]
    # Wagtail 8 autosaves the editor every half second; in the tests those
    # background saves would race the clicks being tested over the one
    # in-memory SQLite connection the live server shares. Explicit saves only.
    settings.WAGTAIL_AUTOSAVE_INTERVAL = 0
    yield found
    frontend.shutdown()
    frontend.server_close()
    media.shutdown()
    media.server_close()


@pytest.fixture
def demo(request, servers, transactional_db, monkeypatch):
    """
    The demo newsroom (``manage.py load_demo``) with known passwords, and the
    site's frontend settings pointing at the example frontend.

    The live server needs committed data, so the test ends by emptying the
    database. What was there before (what migrations created: Wagtail's root
    page, the default site) is kept here and put back afterwards by
    ``pytest_runtest_teardown``, for the tests after this one and the next
    run with ``--reuse-db``.
    """
    from django.db import connection

    request.node.stash[_SNAPSHOT] = connection.creation.serialize_db_to_string()
    from django.core.management import call_command
    from wagtail.models import Site

    from home.models import FrontendSettings

    for username, password in PASSWORDS.items():
        monkeypatch.setenv(f"DEMO_{username.upper()}_PASSWORD", password)
    call_command("load_demo", stdout=open(os.devnull, "w"))  # noqa: SIM115
    frontend_settings = FrontendSettings.for_site(
        Site.objects.get(is_default_site=True)
    )
    frontend_settings.base_url = servers.frontend
    frontend_settings.preview_url = f"{servers.frontend}/preview"
    frontend_settings.save()
    # Links to the frontend are part of the stored documents.
    call_command("rebuild_delivery_documents", verbosity=0)
    return servers
