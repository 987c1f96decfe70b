"""``make serve``: the production settings under gunicorn, with static files from whitenoise."""

import json
import re
import shutil
from http import HTTPStatus

import pytest

from .servers import Server, free_port, get, production_env

pytestmark = pytest.mark.skipif(shutil.which("make") is None, reason="needs make")


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("serve")
    port = free_port()
    env = production_env(
        DATABASE_URL=f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        STATIC_ROOT=str(tmp_path / "static"),
        GUNICORN_WORKERS="2",
        GUNICORN_GRACEFUL_TIMEOUT="5",
    )
    # The first run makes the key file itself, as on a fresh machine.
    del env["SECRET_KEY"]
    command = [
        "make",
        "--no-print-directory",
        # Migrating is `make migrate`'s business and slow; /healthz and static
        # files need no tables. The install stamps may be older than a just
        # edited pyproject.toml: installing is not what this test is about.
        "-o",
        "migrate",
        "serve",
        f"PORT={port}",
        f"SECRET_KEY_FILE={tmp_path / 'secret-key'}",
    ]
    server = Server(command, env, port, tmp_path / "serve.log").start(timeout=180)
    yield server, tmp_path
    server.stop()


def test_make_serve_answers_probes_and_serves_hashed_static_files(served):
    server, tmp_path = served
    status, headers, body = get(f"{server.url}/healthz")
    assert status == HTTPStatus.OK, server.log()
    assert json.loads(body) == {"status": "ok"}
    assert headers["X-Request-ID"]

    manifest = json.loads((tmp_path / "static" / "staticfiles.json").read_text())
    hashed = manifest["paths"]["css/site.css"]
    assert re.search(r"\.[0-9a-f]{12}\.css$", hashed)
    status, headers, body = get(f"{server.url}/static/{hashed}")
    assert status == HTTPStatus.OK
    assert headers["Content-Type"].startswith("text/css")
    # Whitenoise marks hashed names as cacheable for ever.
    assert "immutable" in headers["Cache-Control"]
    assert (tmp_path / "secret-key").stat().st_mode & 0o077 == 0


def test_make_serve_logs_json_lines_with_request_ids(served):
    server, _ = served
    get(f"{server.url}/healthz", headers={"X-Request-ID": "probe-42"})
    server.stop()
    lines = [line for line in server.log().splitlines() if '"gunicorn.access"' in line]
    access = [json.loads(line) for line in lines]
    assert any(
        entry["path"] == "/healthz" and entry["request_id"] == "probe-42"
        for entry in access
    ), server.log()
    booted = [line for line in server.log().splitlines() if "Booting worker" in line]
    assert booted, server.log()
    assert json.loads(booted[0])["logger"] == "gunicorn.error"
