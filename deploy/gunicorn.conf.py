"""
gunicorn settings for the newsroom CMS (``gunicorn -c deploy/gunicorn.conf.py cms.wsgi``).

Every value can be overridden from the environment (``GUNICORN_*``) or on the
command line; these are the defaults ``make serve`` and the systemd unit use.
"""

import glob
import json
import multiprocessing
import os
import tempfile


def _int(name, default):
    return int(os.environ.get(name, default))


bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8000")
# The usual (2 x cores) + 1: requests spend much of their time waiting on
# PostgreSQL and Redis, so more workers than cores keep the CPUs busy.
workers = _int("GUNICORN_WORKERS", multiprocessing.cpu_count() * 2 + 1)
threads = _int("GUNICORN_THREADS", 1)
worker_class = "gthread" if threads > 1 else "sync"
# A request still running after this is killed and logged: slow renders must
# not pile up behind a load balancer's own timeout.
timeout = _int("GUNICORN_TIMEOUT", 30)
graceful_timeout = _int("GUNICORN_GRACEFUL_TIMEOUT", 30)
keepalive = _int("GUNICORN_KEEPALIVE", 5)
# Recycle workers now and then, jittered so they do not all restart at once.
max_requests = _int("GUNICORN_MAX_REQUESTS", 2000)
max_requests_jitter = _int("GUNICORN_MAX_REQUESTS_JITTER", 200)
# Request headers are small here; refuse oversized ones early.
limit_request_field_size = 8190
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
proxy_allow_ips = forwarded_allow_ips

accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
# Preview tokens in query strings are replaced with "[redacted]".
logger_class = "cms.observability.access_log.RedactingLogger"
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")
# The access log is JSON too, carrying the request id Django set on the
# response, so an access line and the app's lines for it join up.
access_log_format = json.dumps(
    {
        "time": "%(t)s",
        "logger": "gunicorn.access",
        "remote": "%(h)s",
        "method": "%(m)s",
        "path": "%(U)s",
        "query": "%(q)s",
        "status": "%(s)s",
        "bytes": "%(B)s",
        "duration_ms": "%(M)s",
        "user_agent": "%(a)s",
        "request_id": "%({x-request-id}o)s",
    }
)

# gunicorn's own lines (start-up, worker timeouts) as JSON too, unless
# LOG_FORMAT=text; the access lines are JSON by their format above.
if os.environ.get("LOG_FORMAT", "json") == "json":
    logconfig_dict = {
        "version": 1,
        "disable_existing_loggers": False,
        "root": {"level": "INFO", "handlers": []},
        "loggers": {
            "gunicorn.error": {
                "level": loglevel.upper(),
                "handlers": ["error_console"],
                "propagate": False,
                "qualname": "gunicorn.error",
            },
            "gunicorn.access": {
                "level": "INFO",
                "handlers": ["access_console"],
                "propagate": False,
                "qualname": "gunicorn.access",
            },
        },
        "handlers": {
            "error_console": {
                "class": "logging.StreamHandler",
                "formatter": "json",
                "stream": "ext://sys.stderr",
            },
            "access_console": {
                "class": "logging.StreamHandler",
                "formatter": "message",
                "stream": "ext://sys.stdout",
            },
        },
        "formatters": {
            "json": {"()": "cms.observability.logging.JSONFormatter"},
            "message": {"format": "%(message)s"},
        },
    }

# Prometheus: each worker writes its counters to files in this directory and
# /metrics merges them. It must be empty when the server starts.
_metrics_dir = os.environ.get("PROMETHEUS_MULTIPROC_DIR")
if not _metrics_dir:
    _metrics_dir = tempfile.mkdtemp(prefix="cms-metrics-")
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir
else:
    # Counters left by an earlier run would be added to this one's.
    os.makedirs(_metrics_dir, exist_ok=True)
    for stale in glob.glob(os.path.join(_metrics_dir, "*.db")):
        os.remove(stale)


def child_exit(server, worker):
    """Retire a dead worker's live gauges (its counters stay in the totals)."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)
