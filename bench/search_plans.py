"""
Search on PostgreSQL, statement by statement: the plan and execution time of
the statement behind five kinds of search, and the server time of the
Delivery API's search request for one client.

    DJANGO_SETTINGS_MODULE=bench.settings SECRET_KEY=... \\
        BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k \\
        .venv/bin/python -m bench.search_plans [--rounds 5] [--plans]

Run it against a data set from ``generate_articles`` or ``bench.clone``.
Each request goes through the whole middleware stack in process (the Django
test client, no network) with the response cache off; the search statement
it sent is then run again under ``EXPLAIN (ANALYZE, BUFFERS)``, warm.
Printed as a Markdown table: the median of ``--rounds`` of each.
"""

import argparse
import os
import statistics
import time
from urllib.parse import urlencode

import django

QUERIES = [
    ("Common word", {"q": "government"}),
    ("Rarest generated word", {"q": "damascus"}),
    ("Phrase", {"q": '"central bank"'}),
    ("Arabic word", {"q": "الحكومة", "locale": "ar"}),
    ("Arabic rare word", {"q": "المخطوطات", "locale": "ar"}),
    (
        "Common word, one year",
        {
            "q": "government",
            "published_after": "2019-01-01",
            "published_before": "2019-12-31",
        },
    ),
    ("Common word, page 3", {"q": "government", "offset": "40"}),
    # What `make bench` sends (bench.prepare.SEARCH_QUERIES): two words.
    ("Two words", {"q": "central bank"}),
    ("Two words", {"q": "refugee returns"}),
    ("Two words", {"q": "pipeline project"}),
    ("One word", {"q": "ceasefire"}),
]


def _search_statement(queries):
    """The statement that ranked the articles (the authors have their own)."""
    return next(query["sql"] for query in queries if "'article'" in query["sql"])


def _execution_ms(cursor, sql):
    cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
    return cursor.fetchone()[0][0]["Execution Time"]


def _plan_text(cursor, sql):
    cursor.execute(f"EXPLAIN (ANALYZE, BUFFERS) {sql}")
    return "\n".join(row[0] for row in cursor.fetchall())


def measure(label, params, rounds, show_plan):
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    url = "/api/v1/search/?" + urlencode(params)
    times = []
    with override_settings(API_RESPONSE_CACHE=False):
        response = client.get(url)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}.")
        for _ in range(rounds):
            started = time.perf_counter()
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            times.append((time.perf_counter() - started) * 1000)
    body = response.json()
    sql = _search_statement(queries.captured_queries)
    with connection.cursor() as cursor:
        executions = [_execution_ms(cursor, sql) for _ in range(rounds)]
        if show_plan:
            print(f"\n### {label}\n\n{_plan_text(cursor, sql)}\n")
    count = f"{body['count']:,}" + ("" if body.get("count_exact", True) else "+")
    return (
        label,
        count,
        statistics.median(executions),
        statistics.median(times),
        len(queries),
    )


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--plans", action="store_true", help="print each plan")
    args = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")
    django.setup()
    rows = [
        measure(label, params, args.rounds, args.plans) for label, params in QUERIES
    ]
    print("| Search | Matches | Statement ms | Request ms | SQL queries |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for label, count, statement, request, queries in rows:
        print(f"| {label} | {count} | {statement:.1f} | {request:.1f} | {queries} |")


if __name__ == "__main__":
    main()
