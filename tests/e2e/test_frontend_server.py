"""The example frontend's server: app routes get the page shell, config names the API, only the CMS may frame it."""

import urllib.error
import urllib.request
from http import HTTPStatus

import pytest

from .helpers import load_frontend_server


@pytest.fixture
def frontend():
    server = load_frontend_server().serve_in_thread(
        port=0, api_base="http://cms.example:8000/api/v1", quiet=True
    )
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def _get(url):
    with urllib.request.urlopen(url) as response:  # noqa: S310 (a local test server)
        return response.status, response.headers, response.read().decode()


def test_any_route_of_the_app_is_answered_with_the_page_shell(frontend):
    for path in ("/", "/news/some-article/", "/preview?token=abc", "/topics/syria/"):
        status, headers, body = _get(frontend + path)
        assert status == HTTPStatus.OK
        assert headers["Content-Type"].startswith("text/html")
        assert '<main id="main"' in body


def test_the_server_script_itself_is_never_served(frontend):
    _status, _headers, body = _get(frontend + "/server.py")
    assert "ThreadingHTTPServer" not in body
    assert '<main id="main"' in body


def test_config_names_the_api_the_server_was_started_with(frontend):
    status, headers, body = _get(frontend + "/config.js")
    assert status == HTTPStatus.OK
    assert headers["Content-Type"].startswith("text/javascript")
    assert 'window.CMS_API = "http://cms.example:8000/api/v1/";' in body


def test_only_the_cms_may_frame_the_site(frontend):
    _status, headers, _body = _get(frontend + "/preview?token=abc")
    assert headers["Content-Security-Policy"] == (
        "frame-ancestors 'self' http://cms.example:8000"
    )


def test_modules_are_served_as_javascript(frontend):
    status, headers, body = _get(frontend + "/js/app.js")
    assert status == HTTPStatus.OK
    assert headers["Content-Type"].startswith("text/javascript")
    assert "import" in body
