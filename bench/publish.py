"""
What a publish costs, beside stock Wagtail, and how long until readers see it.

    DJANGO_SETTINGS_MODULE=bench.settings BENCH_DATABASE_URL=... SECRET_KEY=... \\
        [REDIS_URL=...] .venv/bin/python -m bench.publish [--rounds 20]

In one process, on the benchmark's data set, ``--rounds`` times each:

- **Stock Wagtail**: ``save_revision().publish()`` of a plain Wagtail page
  under the home page, by the editor (no newsroom page type, so nothing of
  the newsroom's reacts to it), in one committed transaction.
- **Editorial publish**: a writer saves a new revision of a live article and
  submits it to the review workflow (one transaction, as the submit request
  is), then an editor approves it (another): Wagtail publishes the revision,
  the content event is logged, and on commit the Delivery API document and
  its search entry are rendered, the cache generation is bumped, the webhook
  delivery is queued on the background task backend and the CDN purge is
  sent. Timed as a whole and as its two requests, and once more with
  ``API_GENERATION_LEASE=0``: the change then waits for no worker's lease on
  the cache generation (0.1 s with Redis) before it is announced.
- **Stock Wagtail's workflow**: the same submit and approve of the plain
  page, for what Wagtail's workflow itself adds to a publish.

Each row gives the median and p90 time and SQL queries. Then, for the
approve step, "publish to visible": from the moment the approve call starts
until a second thread, polling the Delivery API's detail endpoint through
the whole middleware stack, is served the new headline; until the webhook
delivery is enqueued (django-tasks' ``task_enqueued``); and until the CDN
purge reaches a stand-in CDN (an HTTP server in this process answering
``PURGE``, as Varnish would). Wagtail sends purges as tasks: with the
production task queue they go through ``manage.py run_worker``, which runs
beside this process for those rounds, as it runs beside the web processes
in production. Printed as p50, p90 and max over the rounds.

The purge goes to the stand-in through Wagtail's HTTP frontend-cache backend
(``CDN_PURGE=http``); one webhook endpoint subscribed to ``article.published``
is created (``bench-publish``), and the stand-in accepts its deliveries and
notes when each arrives (the last row of the visibility table).
Notifications e-mails go to Django's in-memory backend (``bench.settings``).
"""

import argparse
import cProfile
import os
import pstats
import statistics
import subprocess
import sys
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import django

from bench.people import bench_user, newsroom_groups

PURGE_HOST = "127.0.0.1"
RUN = uuid.uuid4().hex[:8]


class PurgeReceiver(BaseHTTPRequestHandler):
    """
    A stand-in CDN that notes when each PURGE arrives, and for which path;
    also the webhook subscriber, which accepts every delivery (so none is
    retried while the worker runs).
    """

    received = []
    deliveries = []

    def do_PURGE(self):
        self.received.append((time.perf_counter(), self.path))
        self.send_response(200)
        self.end_headers()

    def do_POST(self):
        self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.deliveries.append(time.perf_counter())
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args):
        pass


def start_purge_receiver():
    server = ThreadingHTTPServer((PURGE_HOST, 0), PurgeReceiver)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


class Timed:
    """Time and SQL queries of one block, appended to the named series."""

    def __init__(self, series, name):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        self.series, self.name = series, name
        self.captured = CaptureQueriesContext(connection)

    def __enter__(self):
        self.captured.__enter__()
        self.started = time.perf_counter()
        return self

    def __exit__(self, *exc):
        elapsed = (time.perf_counter() - self.started) * 1000
        self.captured.__exit__(*exc)
        times, queries = self.series.setdefault(self.name, ([], []))
        times.append(elapsed)
        queries.append(len(self.captured))


class ApiWatcher(threading.Thread):
    """Polls an article's Delivery API detail until it serves ``headline``."""

    def __init__(self, article_id, headline):
        super().__init__(daemon=True)
        self.url = f"/api/v1/articles/{article_id}/"
        self.headline = headline
        self.seen_at = None
        self.stop = threading.Event()

    def run(self):
        from django.db import connection
        from django.test import Client

        client = Client(HTTP_HOST="127.0.0.1")
        try:
            while not self.stop.is_set():
                response = client.get(self.url)
                if (
                    response.status_code == 200
                    and response.json().get("title") == self.headline
                ):
                    self.seen_at = time.perf_counter()
                    return
                time.sleep(0.01)
        finally:
            connection.close()


class Worker:
    """
    ``manage.py run_worker`` beside the benchmark, as production runs it: the
    CDN purge and Wagtail's index updates are tasks on the database queue.
    Started only for the visibility rounds, after the queue the cost rounds
    left has been drained, so its work never lands in the cost figures.
    """

    def __enter__(self):
        from django.conf import settings

        self.process = None
        if not settings.TASKS["default"]["BACKEND"].startswith("django_tasks_db"):
            return self  # tasks run inline: nothing to drain
        self.process = subprocess.Popen(
            [sys.executable, "manage.py", "run_worker"],
            cwd=settings.BASE_DIR,
            stdout=subprocess.DEVNULL,
        )
        self.drain()
        return self

    def drain(self, timeout=300):
        from django_tasks_db.models import DBTaskResult

        deadline = time.monotonic() + timeout
        # Retries of deliveries from earlier runs may keep coming; the rest
        # (index updates, purges) must be done before the rounds start.
        waiting = DBTaskResult.objects.ready().exclude(
            task_path__endswith=".deliver_webhook"
        )
        while waiting.exists():
            if time.monotonic() > deadline:
                sys.exit("The worker did not drain the task queue in time.")
            time.sleep(0.2)

    def __exit__(self, *exc):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=30)


def _plain_page():
    from wagtail.models import Page

    from home.models import HomePage

    home = HomePage.objects.first()
    page = home.get_children().filter(slug="bench-publish-plain").first()
    if page is None:
        page = home.add_child(
            instance=Page(title="Plain page", slug="bench-publish-plain")
        )
    return page.pk


def _endpoint(port):
    from cms.webhooks.models import WebhookEndpoint

    WebhookEndpoint.objects.update_or_create(
        name="bench-publish",
        defaults={
            "url": f"http://{PURGE_HOST}:{port}/hook",
            "secret": "bench-publish",
            # The readers' change; review events would arrive first.
            "events": ["article.published"],
            "is_active": True,
        },
    )


def _articles(count):
    """Live articles, not in review, that this run will revise and publish."""
    from wagtail.models import Locale, WorkflowState

    from blog.models import ArticlePage

    in_review = WorkflowState.objects.filter(
        status=WorkflowState.STATUS_IN_PROGRESS
    ).values_list("object_id", flat=True)
    return list(
        # The English edition's: the data set may hold Arabic translations.
        ArticlePage.objects.live()
        .filter(locale=Locale.get_default())
        .exclude(pk__in=[int(pk) for pk in in_review])
        .order_by("-pk")
        .values_list("pk", flat=True)[:count]
    )


def stock_publish(series, page_id, round_number, editor):
    from django.db import transaction
    from wagtail.models import Page

    page = Page.objects.get(pk=page_id)
    page.title = f"Plain page, round {round_number}"
    with Timed(series, "stock"), transaction.atomic():
        page.save_revision(user=editor).publish(user=editor)


def _is_webhook_delivery(task_result):
    return task_result.task.module_path.endswith(".deliver_webhook")


def editorial_publish(
    series,
    visible,
    article_id,
    round_number,
    writer,
    editor,
    *,
    profiler=None,
    model=None,
    name="editorial",
):
    """
    Revise, submit and approve one article. With ``visible`` (a dict), also
    watch the Delivery API from a second thread and note when the webhook
    delivery is enqueued and the purge arrives; the figures of a watched
    round include the watcher's share of this process, so cost and
    visibility are measured in separate rounds.
    """
    from django.db import transaction
    from django_tasks.signals import task_enqueued

    from blog.models import ArticlePage

    model = model or ArticlePage
    article = model.objects.get(pk=article_id)
    # Unique to this run: a later run revises the same articles again.
    headline = f"{article.title.split(' | ')[0]} | {RUN}-{round_number}"
    article.title = headline
    enqueued = []

    def note_enqueued(sender, task_result, **kwargs):
        if _is_webhook_delivery(task_result):
            enqueued.append(time.perf_counter())

    task_enqueued.connect(note_enqueued, weak=False)
    purges_before = len(PurgeReceiver.received)
    watcher = ApiWatcher(article_id, headline) if visible is not None else None
    try:
        with Timed(series, name):
            with Timed(series, f"{name} submit"), transaction.atomic():
                article.save_revision(user=writer)
                article.get_workflow().start(article, writer)
            article = model.objects.get(pk=article_id)
            task_state = article.current_workflow_task_state
            if watcher is not None:
                watcher.start()
            approve_started = time.perf_counter()
            if profiler is not None:
                profiler.enable()
            with Timed(series, f"{name} approve"), transaction.atomic():
                task_state.task.specific.on_action(task_state, editor, "approve")
            if profiler is not None:
                profiler.disable()
        if watcher is not None:
            watcher.join(timeout=10)
            watcher.stop.set()
    finally:
        task_enqueued.disconnect(note_enqueued)
    if visible is None:
        return
    # Wagtail purges the page's own HTML URL inside the transaction; the
    # readers' change is the Delivery API's URLs, purged after commit, by
    # the worker when there is a task queue.
    purges = _api_purges_since(purges_before)
    delivered = _arrivals_since(PurgeReceiver.deliveries, approve_started)
    for name, moments in (
        ("api", [watcher.seen_at] if watcher.seen_at else []),
        # Deliveries of the submission's own event are enqueued before.
        ("webhook", [at for at in enqueued if at >= approve_started][:1]),
        ("purge", purges[:1]),
        ("delivered", delivered[:1]),
    ):
        if moments:
            visible.setdefault(name, []).append((moments[0] - approve_started) * 1000)


def _api_purges_since(index, timeout=10):
    """When the Delivery API's URLs were purged after the ``index``-th purge."""
    deadline = time.monotonic() + timeout
    while True:
        purges = [at for at, path in PurgeReceiver.received[index:] if "/api/" in path]
        if purges or time.monotonic() > deadline:
            return purges
        time.sleep(0.01)


def _arrivals_since(arrivals, moment, timeout=10):
    """The arrivals (moments) after ``moment``, waiting a while for the first."""
    deadline = time.monotonic() + timeout
    while True:
        after = [at for at in arrivals if at >= moment]
        if after or time.monotonic() > deadline:
            return after
        time.sleep(0.01)


def _people():
    from blog.editorial import EDITORS, WRITERS

    groups = newsroom_groups()
    editor = bench_user("bench-publisher", "publisher@example.com", groups[EDITORS])
    writer = bench_user("bench-writer", "writer@example.com", groups[WRITERS])
    return writer, editor


def _row(label, times, queries):
    return (
        f"| {label} | {statistics.median(times):.0f} | {percentile(times, 0.9):.0f} "
        f"| {statistics.median(queries):.0f} | {percentile(queries, 0.9):.0f} |"
    )


def report(series, visible, rounds):
    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    stock = statistics.median(series["stock"][0])
    editorial = statistics.median(series["editorial"][0])
    workflow = statistics.median(series["workflow"][0])
    lines = [
        f"Publishing, {rounds} rounds each, load average {load}",
        "",
        "| Publish | Median ms | p90 ms | Median SQL queries | p90 SQL queries |",
        "| --- | ---: | ---: | ---: | ---: |",
        _row(
            "Stock Wagtail: `save_revision().publish()`, plain page", *series["stock"]
        ),
        _row(
            "Stock Wagtail's workflow, plain page (submit + approve)",
            *series["workflow"],
        ),
        _row(
            "Editorial publish of an article (submit + approve)", *series["editorial"]
        ),
        _row("- writer saves a revision and submits it", *series["editorial submit"]),
        _row(
            "- editor approves: publish and everything after it",
            *series["editorial approve"],
        ),
        _row(
            "Editorial publish, `API_GENERATION_LEASE=0` (no lease wait)",
            *series["no lease"],
        ),
        "",
        f"Editorial publish / stock publish: {editorial / stock:.2f}x (target <= 2x); "
        f"stock workflow / stock publish: {workflow / stock:.2f}x; "
        f"editorial publish / stock workflow: {editorial / workflow:.2f}x",
        "",
        "Publish to visible, from the start of the approve call:",
        "",
        "| Until | p50 ms | p90 ms | max ms | Seen in |",
        "| --- | ---: | ---: | ---: | ---: |",
    ]
    for key, label in (
        ("api", "the Delivery API serves the new version"),
        ("webhook", "the webhook delivery is enqueued"),
        ("purge", "the CDN purge of its API URLs is received"),
        ("delivered", "the webhook is received by its subscriber"),
    ):
        values = visible.get(key, [])
        if not values:
            lines.append(f"| {label} | - | - | - | 0 of {rounds} |")
            continue
        lines.append(
            f"| {label} | {statistics.median(values):.0f} | "
            f"{percentile(values, 0.9):.0f} | {max(values):.0f} | "
            f"{len(values)} of {rounds} |"
        )
    return "\n".join(lines)


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile one editor's approve (cProfile, cumulative) instead",
    )
    args = parser.parse_args(argv)

    purge_server = start_purge_receiver()
    os.environ["CDN_PURGE"] = "http"
    os.environ["CDN_PURGE_URL"] = f"http://{PURGE_HOST}:{purge_server.server_port}/"
    # The subscriber is the stand-in on this machine.
    os.environ["WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"] = "1"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()

    from django.test import override_settings
    from wagtail.models import Page

    writer, editor = _people()
    _endpoint(purge_server.server_port)
    page_id = _plain_page()
    wanted = 3 * args.rounds + 2
    article_ids = _articles(wanted)
    if len(article_ids) < wanted:
        parser.error("the data set holds too few live articles for this many rounds")
    # One round of each first, outside the figures: imports, caches, connections.
    stock_publish({}, page_id, 0, editor)
    editorial_publish({}, None, article_ids.pop(), 0, writer, editor)
    if args.profile:
        profiler = cProfile.Profile()
        editorial_publish(
            {}, None, article_ids.pop(), 0, writer, editor, profiler=profiler
        )
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(50)
        return

    series, visible = {}, {}
    plain = {"model": Page, "name": "workflow"}
    editorial_publish({}, None, page_id, 0, writer, editor, **plain)
    for number in range(1, args.rounds + 1):
        stock_publish(series, page_id, number, editor)
        editorial_publish(series, None, page_id, number, writer, editor, **plain)
        editorial_publish(series, None, article_ids.pop(), number, writer, editor)
        with override_settings(API_GENERATION_LEASE=0):
            editorial_publish(
                series, None, article_ids.pop(), number, writer, editor, name="no lease"
            )
    with Worker():
        for number in range(args.rounds + 1, 2 * args.rounds + 1):
            editorial_publish({}, visible, article_ids.pop(), number, writer, editor)
    purge_server.shutdown()
    print(report(series, visible, args.rounds))


if __name__ == "__main__":
    main()
