"""A real HTTP receiver on 127.0.0.1, started by the test, and an endpoint pointing at it."""

import json
import socket
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from cms.webhooks.models import WebhookEndpoint
from cms.webhooks.topics import ALL


@dataclass
class Received:
    headers: dict
    body: bytes

    @property
    def json(self):
        return json.loads(self.body)


@dataclass
class Receiver:
    """
    Records every request; ``status``/``delay``/``reply`` set how it answers.

    ``accepted`` keeps one entry per idempotency key it answered 2xx, the way
    a well-behaved receiver deduplicates.
    """

    port: int
    status: int = 200
    delay: float = 0
    reply: str = "ok"
    requests: list = field(default_factory=list)
    accepted: dict = field(default_factory=dict)
    server: ThreadingHTTPServer | None = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/hooks"

    def start(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                received = Received(dict(self.headers), body)
                receiver.requests.append(received)
                time.sleep(receiver.delay)
                if 200 <= receiver.status < 300:
                    key = self.headers["X-Newsroom-Delivery"]
                    receiver.accepted.setdefault(key, []).append(received)
                payload = receiver.reply.encode()
                self.send_response(receiver.status)
                self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                self.wfile.write(payload)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def receiver():
    """A receiver that is not listening yet: call ``start()`` to bring it up."""
    receiver = Receiver(port=free_port())
    yield receiver
    receiver.stop()


@pytest.fixture
def live_receiver(receiver):
    receiver.start()
    return receiver


@pytest.fixture
def endpoint(newsroom, receiver, editor):
    return WebhookEndpoint.objects.create(
        name="Frontend", url=receiver.url, events=list(ALL), created_by=editor
    )
