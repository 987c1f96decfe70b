"""
The editor's admin, measured in process: server time and SQL queries for the
screens a newsroom uses all day, on the benchmark's data set.

    DJANGO_SETTINGS_MODULE=bench.settings BENCH_DATABASE_URL=... SECRET_KEY=... \\
        .venv/bin/python -m bench.admin [--rounds 5] [--in-review 10] [--profile NAME]

Each screen is requested once to warm caches, then ``--rounds`` times; the
table shows the median and the worst server time (the Django test client
through the whole middleware stack, no network) and the number of queries,
which must not grow with the size of the archive. Server time, not
requests per second: it does not depend on what else the machine runs as
much as a load test does, and an editor waits for one request at a time.

Screens are requested as an administrator (``bench-editor``, a superuser)
and, where the rows depend on the role, as a writer (``bench-writer``, in
the Writers group): a writer's row menus ask the page permission rules
about every row. Before measuring, ``--in-review`` articles are put into
the review workflow (once; later runs find them there), so that the review
inbox on the dashboard has rows to show.
"""

import argparse
import cProfile
import os
import pstats
import statistics
import time

import django

from bench.people import bench_user, newsroom_groups


def _screens(news, article, revision):
    return [
        ("Section listing (News)", f"/admin/pages/{news.pk}/"),
        ("Section listing, page 50", f"/admin/pages/{news.pk}/?p=50"),
        ("Page search", "/admin/pages/search/?q=election"),
        ("Article edit view", f"/admin/pages/{article.pk}/edit/"),
        ("Article history", f"/admin/pages/{article.pk}/history/"),
        (
            "Revisions compare",
            f"/admin/pages/{article.pk}/revisions/compare/earliest...{revision.pk}/",
        ),
        ("Dashboard (review inbox)", "/admin/"),
        ("Workflow tasks", "/admin/reports/workflow_tasks/"),
    ]


# The screens whose rows a writer sees differently from an administrator.
WRITER_SCREENS = {"Section listing (News)", "Page search", "Dashboard (review inbox)"}


def measure(client, url, rounds):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.get(url)
    times, queries, status = [], 0, None
    for _ in range(rounds):
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            response = client.get(url)
            times.append((time.perf_counter() - started) * 1000)
        queries, status = len(captured), response.status_code
    return status, statistics.median(times), max(times), queries


def profile(client, url, lines=40):
    """Print where one request of ``url`` spends its time (cProfile, cumulative)."""
    client.get(url)
    profiler = cProfile.Profile()
    profiler.runcall(client.get, url)
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(lines)


def _people():
    from blog.editorial import WRITERS

    groups = newsroom_groups()
    administrator = bench_user(
        "bench-editor", "bench@example.com", is_superuser=True, is_staff=True
    )
    writer = bench_user("bench-writer", "writer@example.com", groups[WRITERS])
    return administrator, writer


def _fill_review_queue(count, writer):
    """Put ``count`` articles into review, submitted by the writer, unless they are."""
    from wagtail.models import Locale, WorkflowState

    from blog.models import ArticlePage

    waiting = WorkflowState.objects.filter(status=WorkflowState.STATUS_IN_PROGRESS)
    missing = count - waiting.count()
    if missing <= 0:
        return
    english = ArticlePage.objects.live().filter(locale=Locale.get_default())
    for article in english.order_by("pk")[:missing]:
        article.title = f"{article.title} (revised)"
        revision = article.save_revision(user=writer)
        article.get_workflow().start(article, writer)
        assert article.latest_revision_id == revision.pk


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument(
        "--in-review",
        type=int,
        default=10,
        help="articles waiting in the review workflow (default 10)",
    )
    parser.add_argument(
        "--profile",
        metavar="SCREEN",
        help="profile one request of the screen whose name starts with this instead",
    )
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.test import Client
    from wagtail.models import Locale, Page, Revision

    from blog.models import ArticlePage

    administrator, writer = _people()
    _fill_review_queue(args.in_review, writer)
    # The English edition: the data set may hold an Arabic one beside it.
    english = Locale.get_default()
    news = Page.objects.get(slug="news", depth=3, locale=english)
    articles = ArticlePage.objects.live().filter(locale=english).count()
    article = ArticlePage.objects.live().filter(locale=english).order_by("-pk").first()
    revision = Revision.page_revisions.filter(object_id=str(article.pk)).latest("pk")
    clients = {}
    for role, user in (("administrator", administrator), ("writer", writer)):
        clients[role] = Client(HTTP_HOST="127.0.0.1")
        clients[role].force_login(user)

    screens = _screens(news, article, revision)
    if args.profile:
        for name, url in screens:
            if name.lower().startswith(args.profile.lower()):
                profile(clients["administrator"], url)
                return
        parser.error(f"no screen named {args.profile!r}")

    load = ", ".join(f"{figure:.1f}" for figure in os.getloadavg())
    print(
        f"Editor's admin, {articles:,} live articles, {args.in_review} in review, "
        f"{args.rounds} rounds each, load average {load}\n"
    )
    print("| Screen | As | Status | Median ms | Worst ms | SQL queries |")
    print("| --- | --- | ---: | ---: | ---: | ---: |")
    for name, url in screens:
        roles = ["administrator"] + (["writer"] if name in WRITER_SCREENS else [])
        for role in roles:
            status, median, worst, queries = measure(clients[role], url, args.rounds)
            print(
                f"| {name} | {role} | {status} | {median:.0f} | {worst:.0f} | {queries} |"
            )


if __name__ == "__main__":
    main()
