"""Shared pieces of the browser tests: where things are, and steps every scenario takes."""

import importlib.util
import os
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ARTIFACTS = REPO / "test-artifacts" / "e2e"
CHROMIUM = os.environ.get("E2E_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# Demo logins; load_demo reads them from the environment.
PASSWORDS = {
    "writer": "e2e-writer-password",
    "editor": "e2e-editor-password",
    "admin": "e2e-admin-password",
}
# Long enough for a 2-core CI machine under load, short enough to fail fast.
TIMEOUT_MS = 15_000


def load_frontend_server():
    """examples/frontend/server.py, imported by path: the example is not a package."""
    spec = importlib.util.spec_from_file_location(
        "example_frontend_server", REPO / "examples" / "frontend" / "server.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def log_in(page, cms, username):
    """Sign in to the Wagtail admin the way a person does."""
    page.goto(f"{cms}/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORDS[username])
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"{cms}/admin/")


def wait_for_frontend(page):
    """The example frontend marks <main aria-busy="false"> once a route has rendered."""
    page.locator('main[aria-busy="false"]').wait_for()
