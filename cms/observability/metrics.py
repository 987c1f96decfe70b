"""
Prometheus metrics at ``/metrics``, with ``prometheus_client``.

Chosen over django-prometheus: the few metrics that matter here are labelled
by route name (not raw path, which would grow without bound), and the
content figures (task queue depth, webhook deliveries) are read from the
database at scrape time rather than counted in each process. Under gunicorn
``PROMETHEUS_MULTIPROC_DIR`` is set (``deploy/gunicorn.conf.py``) and the
workers' counters are merged at each scrape.

``/metrics`` is not public: it answers callers on ``METRICS_ALLOWED_IPS``
(loopback by default) or with ``Authorization: Bearer <METRICS_TOKEN>``.
"""

import hmac
import ipaddress
import logging
import os
import time

from django.conf import settings
from django.db import DatabaseError
from django.http import HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily
from prometheus_client.multiprocess import MultiProcessCollector

from cms.http.problems import problem_response
from cms.http.state import request_state
from cms.security import ratelimit

logger = logging.getLogger(__name__)

REQUESTS = Counter(
    "cms_http_requests",
    "HTTP requests answered, by route name, method and status code.",
    ["route", "method", "status"],
)
LATENCY = Histogram(
    "cms_http_request_duration_seconds",
    "Time to answer an HTTP request, by route name and method.",
    ["route", "method"],
    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10),
)
DELIVERY_CACHE = Counter(
    "cms_delivery_cache_lookups",
    "Delivery API response cache lookups, by result (hit or miss).",
    ["result"],
)
DELIVERY_READS = Counter(
    "cms_delivery_reads",
    "Delivery API requests that read the database, by the database they read "
    "(replica, or default when the replica lagged or was away).",
    ["database"],
)
CACHE_METRIC = "cms_delivery_cache_lookups"
# Any other method is counted as "other": clients choose methods, and each
# label value is a new time series.
KNOWN_METHODS = {"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"}


def record_cache_lookup(hit):
    DELIVERY_CACHE.labels(result="hit" if hit else "miss").inc()


def record_read_database(alias):
    DELIVERY_READS.labels(database=alias).inc()


def route_name(request):
    """A bounded label for the request: its URL name, never its raw path."""
    named = request_state(request).route
    if named:
        return named
    match = getattr(request, "resolver_match", None)
    if match is not None:
        return match.view_name or match.route or "unnamed"
    if request.path.startswith(settings.STATIC_URL):
        return "static"
    return "unmatched"


class MetricsMiddleware:
    """Count and time every request. Place it first, so it times the whole stack."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        response = self.get_response(request)
        read_database = request_state(request).read_database
        if read_database is not None:
            record_read_database(read_database)
        route = route_name(request)
        method = request.method if request.method in KNOWN_METHODS else "other"
        LATENCY.labels(route=route, method=method).observe(
            time.perf_counter() - started
        )
        REQUESTS.labels(route=route, method=method, status=response.status_code).inc()
        return response


_database_figures = []


def register_database_figures(figures):
    """
    Add ``figures``, a function yielding metric families read from the
    database at scrape time, to every scrape. The apps that own the tables
    register theirs (``cms.webhooks``), so this module imports no app.
    """
    if figures not in _database_figures:
        _database_figures.append(figures)


class ContentCollector:
    """
    Figures read at scrape time: task queue depth, the figures apps register
    (webhook deliveries by state), and the Delivery API cache hit ratio over
    the counters collected from ``source``.
    """

    def __init__(self, source):
        self.source = source

    def collect(self):
        yield from self._cache_ratio()
        try:
            yield from self._queue()
            for figures in _database_figures:
                yield from figures()
        except DatabaseError:
            # Metrics must still answer while the database is away; the
            # database's own state is what /readyz reports.
            logger.warning("Metrics: database figures unavailable", exc_info=True)

    def _cache_ratio(self):
        counts = {"hit": 0.0, "miss": 0.0}
        for family in self.source.collect():
            if family.name != CACHE_METRIC:
                continue
            for sample in family.samples:
                if sample.name.endswith("_total"):
                    result = sample.labels.get("result")
                    counts[result] = counts.get(result, 0.0) + sample.value
        lookups = counts["hit"] + counts["miss"]
        ratio = GaugeMetricFamily(
            "cms_delivery_cache_hit_ratio",
            "Share of Delivery API response cache lookups answered from the "
            "cache since the processes started (0 before any lookup).",
        )
        ratio.add_metric([], counts["hit"] / lookups if lookups else 0.0)
        yield ratio

    def _queue(self):
        from django.db.models import Count
        from django_tasks.base import TaskResultStatus
        from django_tasks_db.models import DBTaskResult

        depth = GaugeMetricFamily(
            "cms_task_queue_depth",
            "Background tasks waiting for a worker (ready to run now), by queue.",
            labels=["queue"],
        )
        # The default queue is always reported, so an empty queue reads 0
        # rather than "no data".
        queues = {"default": 0}
        for row in (
            DBTaskResult.objects.ready()
            .values("queue_name")
            .annotate(n=Count("id"))
            .order_by("queue_name")
        ):
            queues[row["queue_name"]] = row["n"]
        for queue, count in sorted(queues.items()):
            depth.add_metric([queue], count)
        yield depth
        tasks = GaugeMetricFamily(
            "cms_tasks",
            "Background tasks in the queue table, by status.",
            labels=["status"],
        )
        found = dict(
            DBTaskResult.objects.values_list("status")
            .annotate(n=Count("id"))
            .order_by()
        )
        for status in TaskResultStatus.values:
            tasks.add_metric([status.lower()], found.get(status, 0))
        yield tasks


class _Source:
    """Collects what another registry holds, for a per-scrape registry."""

    def __init__(self, registry):
        self.registry = registry

    def collect(self):
        return self.registry.collect()


def scrape():
    """The exposition text: process counters (merged across workers) plus content figures."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        source = CollectorRegistry()
        MultiProcessCollector(source)
    else:
        source = REGISTRY
    registry = CollectorRegistry(auto_describe=False)
    registry.register(_Source(source))
    registry.register(ContentCollector(source))
    return generate_latest(registry)


def _allowed_networks():
    networks = []
    for item in getattr(settings, "METRICS_ALLOWED_IPS", ["127.0.0.1", "::1"]):
        try:
            networks.append(ipaddress.ip_network(item, strict=False))
        except ValueError:
            logger.warning("METRICS_ALLOWED_IPS: not an address or network: %r", item)
    return networks


def _token_matches(request):
    expected = getattr(settings, "METRICS_TOKEN", "")
    given = request.META.get("HTTP_AUTHORIZATION", "")
    if not expected or not given.startswith("Bearer "):
        return False
    return hmac.compare_digest(given.removeprefix("Bearer ").strip(), expected)


def _address_allowed(request):
    # A request relayed by a proxy this app was not told to trust (one on
    # the same host would otherwise look like loopback) is not trusted by
    # address; it needs the token.
    if request.META.get("HTTP_X_FORWARDED_FOR") and not getattr(
        settings, "TRUSTED_PROXY_COUNT", 0
    ):
        return False
    try:
        address = ipaddress.ip_address(ratelimit.client_ip(request))
    except ValueError:
        return False
    return any(address in network for network in _allowed_networks())


def metrics_view(request):
    """``GET /metrics``: the exposition format, for allowed callers only."""
    if not (_token_matches(request) or _address_allowed(request)):
        return problem_response(
            403,
            "Metrics are available only to the monitoring system "
            "(METRICS_ALLOWED_IPS or METRICS_TOKEN).",
        )
    if request.method not in {"GET", "HEAD"}:
        return problem_response(405, "Use GET.", headers={"Allow": "GET, HEAD"})
    response = HttpResponse(scrape(), content_type=CONTENT_TYPE_LATEST)
    response["Cache-Control"] = "no-store"
    return response
