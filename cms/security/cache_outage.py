"""
Quiet logging of a Redis outage.

With ``DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS`` django-redis logs every cache
call that failed, with its traceback. While Redis is down every request makes
several cache calls, and formatting those tracebacks cost more than serving
the request: in ``make loadtest`` throughput fell to a third and some
requests took over ten seconds. This filter keeps the first record of each
interval, as one line naming the error, and drops the rest; ``/readyz``
reports the outage meanwhile.
"""

import logging
import threading
import time


class ThrottledCacheErrors(logging.Filter):
    """Let one record per ``interval`` seconds through, without its traceback."""

    def __init__(self, interval=10.0):
        super().__init__()
        self.interval = float(interval)
        self.lock = threading.Lock()
        self.next_at = 0.0
        self.dropped = 0

    def filter(self, record):
        now = time.monotonic()
        with self.lock:
            if now < self.next_at:
                self.dropped += 1
                return False
            self.next_at = now + self.interval
            dropped, self.dropped = self.dropped, 0
        if record.exc_info and record.exc_info[1] is not None:
            error = record.exc_info[1]
            record.msg = f"Cache unavailable, serving without it: {type(error).__name__}: {error}"
            record.args = ()
            record.exc_info = None
            record.exc_text = None
        if dropped:
            record.msg = f"{record.msg} ({dropped} more since the last report)"
        return True
