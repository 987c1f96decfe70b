"""
A slow webhook receiver for ``make loadtest``.

It answers every POST after ``--delay`` seconds, long enough for the driver
to kill the worker while a delivery is in flight. Like a real receiver it
acts on each event once: the ``X-Newsroom-Delivery`` header carries the
event's id, which stays the same across retries, so a repeat is counted as a
duplicate and not processed again. The counts are rewritten to ``--out``
(JSON) on every request.
"""

import argparse
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


class Tally:
    """What arrived: every request, and each event id once."""

    def __init__(self, out):
        self.out = Path(out)
        self.lock = threading.Lock()
        self.requests = 0
        self.events = {}
        self.write()

    def record(self, event_id, topic):
        with self.lock:
            self.requests += 1
            first = event_id not in self.events
            entry = self.events.setdefault(event_id, {"topic": topic, "seen": 0})
            entry["seen"] += 1
            self.write()
            return first

    def write(self):
        processed = len(self.events)
        data = {
            "requests": self.requests,
            "events_processed": processed,
            "duplicates_ignored": self.requests - processed,
            "events": self.events,
        }
        tmp = self.out.with_suffix(".tmp")
        tmp.write_text(json.dumps(data, indent=2))
        tmp.replace(self.out)


def handler_for(tally, delay):
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self):
            length = int(self.headers.get("Content-Length") or 0)
            self.rfile.read(length)
            tally.record(
                self.headers.get("X-Newsroom-Delivery", ""),
                self.headers.get("X-Newsroom-Event", ""),
            )
            time.sleep(delay)
            try:
                self.send_response(200)
                self.send_header("Content-Type", "text/plain")
                self.end_headers()
                self.wfile.write(b"ok")
            except (BrokenPipeError, ConnectionResetError):
                pass  # the sender died while we were busy

        def log_message(self, format, *args):
            pass

    return Handler


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--delay", type=float, default=4.0)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    server = ThreadingHTTPServer(
        ("127.0.0.1", args.port), handler_for(Tally(args.out), args.delay)
    )
    server.serve_forever()


if __name__ == "__main__":
    main()
