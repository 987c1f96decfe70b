"""
Run inside the benchmark's Django (``DJANGO_SETTINGS_MODULE=bench.settings``)
before the server starts: choose the requests, count the SQL queries each
one costs, and write the Delivery API's exact response bytes to the static
folder that whitenoise serves as the ceiling.

Prints the plan as JSON on stdout for ``bench/run.py``.
"""

import json
import sys
from pathlib import Path
from urllib.parse import quote

import django

DETAIL_SAMPLE = 20
SEARCH_QUERIES = [
    "ceasefire",
    "central bank",
    "refugee returns",
    "Damascus",
    "pipeline project",
]
LIST = "/api/v1/articles/?limit=20"
STOCK_LIST = "/api/v2/pages/?type=blog.ArticlePage&fields=*&limit=20"


# How far into the archive the deep pages are: nine tenths of the way to
# the oldest story, where a reader paging back (or a crawler) ends up; the
# numbered page as deep as the API allows.
DEEP_SHARE = 0.9


def _articles():
    """Articles spread evenly over the whole set, not just the newest: (id, path)."""
    from cms.publishing.models import DeliveryDocument

    rows = list(
        DeliveryDocument.objects.filter(page_type="article", locale=_default_locale())
        .order_by("page_id")
        .values_list("page_id", "live_path")
    )
    if not rows:
        sys.exit("The benchmark database has no articles; generate them first.")
    step = max(1, len(rows) // DETAIL_SAMPLE)
    return rows[::step][:DETAIL_SAMPLE], len(rows)


def _default_locale():
    from django.conf import settings

    return settings.LANGUAGE_CODE


def _deep_cursor(position):
    """
    The ``next_cursor`` a reader holds after walking ``position`` articles
    into the archive, newest first: the cursor of the row before the page.
    """
    from cms.api.delivery.paging import ORDERS, cursor_key, make_cursor
    from cms.publishing.models import DeliveryDocument

    row = (
        DeliveryDocument.objects.filter(page_type="article", locale=_default_locale())
        .order_by(*ORDERS["-date"])
        .values_list("sort_date", "title", "page_id")[position - 1]
    )
    return make_cursor("-date", cursor_key("-date", *row))


def plan():
    from cms.api.delivery.paging import MAX_OFFSET

    articles, total = _articles()
    ids = [pk for pk, _path in articles]
    deep = int(total * DEEP_SHARE) // 20 * 20
    # Numbered pages stop at MAX_OFFSET; the cursor goes all the way.
    deep_offset = min(deep, MAX_OFFSET)
    cursor = quote(_deep_cursor(deep))
    return {
        "list": {
            "ours": [LIST],
            "stock": [STOCK_LIST],
        },
        "detail": {
            "ours": [f"/api/v1/articles/{pk}/" for pk in ids],
            "stock": [f"/api/v2/pages/{pk}/" for pk in ids],
        },
        "by-path": {
            "ours": [
                f"/api/v1/articles/by-path/?path={quote(path)}"
                for _pk, path in articles
            ],
            # Stock ``find`` answers with a redirect to the page's detail:
            # the lookup is measured, not the detail it points to.
            "stock": [
                f"/api/v2/pages/find/?html_path={quote(path)}" for _pk, path in articles
            ],
        },
        "deep": {
            "ours": [f"{LIST}&offset={deep_offset}"],
            "stock": [f"{STOCK_LIST}&offset={deep_offset}"],
        },
        # Stock Wagtail has no cursor; it pages by offset to the same depth.
        "cursor": {
            "ours": [f"{LIST}&cursor={cursor}"],
            "stock": [f"{STOCK_LIST}&offset={deep}"],
        },
        "search": {
            "ours": [f"/api/v1/search/?q={quote(query)}" for query in SEARCH_QUERIES],
            "stock": [
                f"/api/v2/pages/?type=blog.ArticlePage&search={quote(query)}"
                for query in SEARCH_QUERIES
            ],
        },
    }


def measure(requests, host, static_root):
    """Bytes and SQL queries of the first URL of each kind; the static copies."""
    from django.core.cache import cache
    from django.db import connection
    from django.test import Client, override_settings
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST=host)
    facts = {}
    for kind, sides in requests.items():
        facts[kind] = {}
        for side, urls in sides.items():
            cache.clear()
            with (
                override_settings(API_RESPONSE_CACHE=False),
                CaptureQueriesContext(connection) as queries,
            ):
                response = client.get(urls[0])
            # Stock ``find`` redirects to the detail it found.
            expected = 302 if (kind, side) == ("by-path", "stock") else 200
            if response.status_code != expected:
                sys.exit(f"{urls[0]} answered {response.status_code}.")
            facts[kind][side] = {
                "bytes": len(response.content),
                "queries": len(queries),
            }
            if side == "ours":
                (static_root / f"{kind}.json").write_bytes(response.content)
                client.get(urls[0])
                with CaptureQueriesContext(connection) as cached:
                    client.get(urls[0])
                facts[kind]["cached"] = {
                    "bytes": len(response.content),
                    "queries": len(cached),
                }
                facts[kind]["static"] = {"bytes": len(response.content), "queries": 0}
    return facts


def main():
    host, static_root = sys.argv[1], Path(sys.argv[2])
    django.setup()
    requests = plan()
    static_root.mkdir(parents=True, exist_ok=True)
    facts = measure(requests, host, static_root)
    requests_with_static = {
        kind: {**sides, "static": [f"/{kind}.json"]} for kind, sides in requests.items()
    }
    json.dump({"requests": requests_with_static, "facts": facts}, sys.stdout)


if __name__ == "__main__":
    main()
