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


def _article_ids():
    """Articles spread evenly over the whole set, not just the newest."""
    from cms.publishing.models import DeliveryDocument

    ids = list(
        DeliveryDocument.objects.filter(page_type="article")
        .order_by("page_id")
        .values_list("page_id", flat=True)
    )
    if not ids:
        sys.exit("The benchmark database has no articles; generate them first.")
    step = max(1, len(ids) // DETAIL_SAMPLE)
    return ids[::step][:DETAIL_SAMPLE]


def plan():
    ids = _article_ids()
    return {
        "list": {
            "ours": [LIST],
            "stock": [STOCK_LIST],
        },
        "detail": {
            "ours": [f"/api/v1/articles/{pk}/" for pk in ids],
            "stock": [f"/api/v2/pages/{pk}/" for pk in ids],
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
            if response.status_code != 200:
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
