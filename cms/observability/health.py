"""
Probes for load balancers and orchestrators.

- ``/healthz``: the process is up and answering. Touches nothing else, so a
  database outage does not get every worker restarted.
- ``/readyz``: the database and the cache answer, so this instance should get
  traffic. Otherwise 503 ``application/problem+json`` naming what failed.

``ProbeMiddleware`` answers these (and ``/metrics``) before any other
middleware: probes come by IP address (no allowed ``Host``), over plain HTTP
(no HTTPS redirect), often and from one address (no rate limit), and must
not open a session or a database transaction.
"""

import json
import logging
import time
import uuid

from django.core.cache import caches
from django.db import DatabaseError, connections
from django.http import HttpResponse

from cms.db.router import REPLICA, replica_configured
from cms.http.problems import PROBLEM_JSON
from cms.http.state import request_state

logger = logging.getLogger(__name__)

READY_CHECK_KEY = "observability:ready-check"


def _json(payload, status=200, content_type="application/json"):
    response = HttpResponse(
        json.dumps(payload), status=status, content_type=content_type
    )
    response["Cache-Control"] = "no-store"
    return response


def check_database(alias="default"):
    with connections[alias].cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()


def check_cache():
    """
    Write and read back a value. The Redis cache swallows connection errors
    (see ``cms.settings.base.redis_caches``), so a cache that is down shows
    as a value that does not come back, not as an exception.
    """
    cache = caches["default"]
    token = uuid.uuid4().hex
    # A key of its own, so probes of several workers at once never mix.
    key = f"{READY_CHECK_KEY}:{token}"
    cache.set(key, token, timeout=30)
    found = cache.get(key)
    cache.delete(key)
    if found != token:
        raise ConnectionError("the cache did not return the value just written")


def _timed(check, *args):
    started = time.perf_counter()
    try:
        check(*args)
        result = {"status": "ok"}
    except (DatabaseError, ConnectionError, OSError) as error:
        # The reason goes to the log only: probes are answered to anyone, and
        # connection errors name hosts and users.
        logger.warning("Readiness check %s failed: %s", check.__name__, error)
        result = {"status": "fail"}
    result["time_ms"] = round((time.perf_counter() - started) * 1000, 1)
    return result


def healthz(request):
    return _json({"status": "ok"})


def readyz(request):
    checks = {"database": _timed(check_database), "cache": _timed(check_cache)}
    failing = [name for name, result in checks.items() if result["status"] != "ok"]
    if replica_configured():
        # Reported, never fatal: reads fall back to the primary without it.
        checks["replica"] = _timed(check_database, REPLICA)
        if checks["replica"]["status"] != "ok":
            checks["replica"]["status"] = "degraded"
            connections[REPLICA].close()
    if failing:
        if "database" in failing:
            connections["default"].close()
        names = " and ".join(failing)
        verb = "is" if len(failing) == 1 else "are"
        response = _json(
            {
                "type": "about:blank",
                "title": "Service Unavailable",
                "status": 503,
                "detail": f"Not ready: the {names} {verb} unavailable.",
                "failing": failing,
                "checks": checks,
            },
            status=503,
            content_type=PROBLEM_JSON,
        )
        response["Retry-After"] = "5"
        return response
    return _json({"status": "ok", "checks": checks})


class ProbeMiddleware:
    """Answer ``/healthz``, ``/readyz`` and ``/metrics`` ahead of the rest of the stack."""

    def __init__(self, get_response):
        from .metrics import metrics_view

        self.get_response = get_response
        self.routes = {
            "/healthz": ("healthz", healthz),
            "/readyz": ("readyz", readyz),
            "/metrics": ("metrics", metrics_view),
        }

    def __call__(self, request):
        route = self.routes.get(request.path_info.rstrip("/") or "/")
        if route is None:
            return self.get_response(request)
        request_state(request).route, view = route
        return view(request)
