"""
The editor's admin, measured in process: server time and SQL queries for the
screens a newsroom uses all day, on the benchmark's data set.

    DJANGO_SETTINGS_MODULE=bench.settings BENCH_DATABASE_URL=... SECRET_KEY=... \\
        .venv/bin/python -m bench.admin [--rounds 5]

Each screen is requested once to warm caches, then ``--rounds`` times; the
table shows the median and the worst server time (the Django test client
through the whole middleware stack, no network) and the number of queries,
which must not grow with the size of the archive. Server time, not
requests per second: it does not depend on what else the machine runs as
much as a load test does, and an editor waits for one request at a time.
"""

import argparse
import os
import statistics
import time

import django


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


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    from django.contrib.auth import get_user_model
    from django.test import Client
    from wagtail.models import Page, Revision

    from blog.models import ArticlePage

    news = Page.objects.get(slug="news", depth=3)
    articles = ArticlePage.objects.live().count()
    article = ArticlePage.objects.live().order_by("-pk").first()
    revision = Revision.page_revisions.filter(object_id=str(article.pk)).latest("pk")
    user, _ = get_user_model().objects.get_or_create(
        username="bench-editor",
        defaults={"is_superuser": True, "is_staff": True, "email": "bench@example.com"},
    )
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(user)

    print(f"Editor's admin, {articles:,} live articles, {args.rounds} rounds each\n")
    print("| Screen | Status | Median ms | Worst ms | SQL queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, url in _screens(news, article, revision):
        status, median, worst, queries = measure(client, url, args.rounds)
        print(f"| {name} | {status} | {median:.0f} | {worst:.0f} | {queries} |")


if __name__ == "__main__":
    main()
