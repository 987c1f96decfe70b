#!/usr/bin/env python3
"""
Serve the example frontend: static files, with every other path answered by
index.html so that /news/some-slug/ and /preview work on a full page load.

Only the standard library is used, so the example needs no Node and no
install step:

    python examples/frontend/server.py --port 3000 --api http://127.0.0.1:8000/api/v1/

``/config.js`` is written from ``--api`` (or ``CMS_API``), so one copy of the
site can point at any CMS. The CMS must list this site's origin in
``API_CORS_ALLOWED_ORIGINS`` for the browser to be allowed to read the API.
"""

import argparse
import json
import os
import threading
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent
DEFAULT_API = "http://127.0.0.1:8000/api/v1/"
# Files that make up the site; anything else under ROOT (this script, the
# README) is not served.
SERVED_SUFFIXES = {".html", ".js", ".css", ".svg", ".ico", ".png", ".webmanifest"}


class FrontendHandler(SimpleHTTPRequestHandler):
    """Static files from ROOT, config.js from the API base, index.html for the rest."""

    api_base = DEFAULT_API

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(ROOT), **kwargs)

    def end_headers(self):
        # The CMS shows /preview inside its editor: allow exactly that origin
        # to frame the site, and nobody else.
        cms = urlsplit(self.api_base)
        self.send_header(
            "Content-Security-Policy",
            f"frame-ancestors 'self' {cms.scheme}://{cms.netloc}",
        )
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "strict-origin-when-cross-origin")
        # Served from a working copy: never let a browser keep a stale module.
        self.send_header("Cache-Control", "no-cache")
        super().end_headers()

    def do_GET(self):
        path = urlsplit(self.path).path
        if path == "/config.js":
            return self.send_config()
        if not self.is_site_file(path):
            # A route of the single-page app: the app reads location itself.
            self.path = "/index.html"
        return super().do_GET()

    do_HEAD = do_GET

    def is_site_file(self, path):
        if path.endswith("/"):
            return False
        local = Path(self.translate_path(path))
        return (
            local.is_file()
            and local.suffix in SERVED_SUFFIXES
            and ROOT in local.resolve().parents
        )

    def send_config(self):
        body = (
            "// Written by server.py: where this frontend finds the Delivery API.\n"
            f"window.CMS_API = {json.dumps(self.api_base)};\n"
        ).encode()
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/javascript; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def log_message(self, format, *args):
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


SimpleHTTPRequestHandler.extensions_map.update({".js": "text/javascript"})


def make_server(host="127.0.0.1", port=3000, api_base=DEFAULT_API, quiet=False):
    """A ready ``ThreadingHTTPServer``; port 0 picks a free port (tests do)."""
    api_base = api_base.rstrip("/") + "/"
    handler = type("Handler", (FrontendHandler,), {"api_base": api_base})
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    server.quiet = quiet
    return server


def serve_in_thread(**kwargs):
    """Start a server on a daemon thread and return it; stop it with ``shutdown()``."""
    server = make_server(**kwargs)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--host", default=os.environ.get("FRONTEND_HOST", "127.0.0.1"))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("FRONTEND_PORT", "3000"))
    )
    parser.add_argument(
        "--api",
        default=os.environ.get("CMS_API", DEFAULT_API),
        help="the Delivery API base URL (default: %(default)s)",
    )
    args = parser.parse_args()
    server = make_server(args.host, args.port, args.api)
    print(f"Frontend on http://{args.host}:{server.server_port}/ reading {args.api}")
    print(
        "The CMS must allow this origin: "
        f"API_CORS_ALLOWED_ORIGINS=http://{args.host}:{server.server_port}"
    )
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
