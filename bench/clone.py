"""
A large archive for measuring search and list statements, in seconds rather
than hours: copies of the stored Delivery API documents of generated
articles, each copy with its own page id, path, slug and date.

    BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench100k \\
        .venv/bin/python -m bench.clone --articles 100000

``generate_articles`` builds real pages at 15-50 articles a second; the
search and list statements read only ``delivery_deliverydocument``, so
copies of its rows measure them as well as real pages would. The copies
keep their originals' words (the words' frequencies are those of the
generated newsroom) and get dates spread evenly over 2018-2025, so that
"the newest matches" are a different set of stories for each query. A
share of them (``--arabic``) is an Arabic edition (``locale`` ``ar``),
written from a list of common news words and stemmed with PostgreSQL's
``arabic`` configuration as ``search.entries`` stems that edition.

Copies have page ids above every real page's: the API's list, detail and
search endpoints serve them, but they have no page in the tree, so nothing
that loads pages (the admin, the HTML site's cards) should be measured on a
cloned data set. Running again replaces the copies. PostgreSQL only, and
never the database ``make bench`` measures (``bench``).
"""

import argparse
import os
import sys
import time
from urllib.parse import urlparse

import psycopg

PROTECTED = {"bench"}
# About eight years of seconds: copies are dated from 2018-01-01 over it.
SPAN_SECONDS = 8 * 365 * 24 * 3600
# Common words of Arabic news copy, in the spelling ``search.languages.fold``
# leaves (no vowel marks, bare alef, taa marbuta as haa).
ARABIC_WORDS = [
    "الحكومه",
    "وزير",
    "الرئيس",
    "البرلمان",
    "الانتخابات",
    "الاقتصاد",
    "النفط",
    "الغاز",
    "المياه",
    "اللاجئين",
    "الحدود",
    "السلام",
    "المفاوضات",
    "الامن",
    "الجيش",
    "المدينه",
    "العاصمه",
    "دمشق",
    "بيروت",
    "بغداد",
    "عمان",
    "القاهره",
    "الرياض",
    "دبي",
    "الخليج",
    "الميناء",
    "الطاقه",
    "الكهرباء",
    "الموازنه",
    "البنك",
    "المركزي",
    "التضخم",
    "الاسعار",
    "الاستثمار",
    "المشروع",
    "الشركه",
    "العمال",
    "الطلاب",
    "المدارس",
    "المستشفى",
    "الصحه",
    "اللقاح",
    "المطر",
    "الجفاف",
    "الزراعه",
    "القمح",
    "التجاره",
    "الصادرات",
    "الواردات",
    "الاتفاق",
    "المؤتمر",
    "القمه",
    "المنظمه",
    "الدوليه",
    "الصحافه",
    "التلفزيون",
    "المحكمه",
    "القاضي",
    "الدستور",
    "الاصلاح",
    "الشباب",
    "النساء",
    "الثقافه",
    "المهرجان",
]
# An Arabic word found in a few stories only (the rare-word query).
ARABIC_RARE = "المخطوطات"


def _log(message):
    print(f"[clone] {message}", file=sys.stderr, flush=True)


def _database_url():
    url = os.environ.get("BENCH_DATABASE_URL", "")
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        sys.exit("BENCH_DATABASE_URL must name a PostgreSQL database.")
    name = parsed.path.lstrip("/")
    if name in PROTECTED:
        sys.exit(f"{name!r} is the database `make bench` measures; name another one.")
    return url


def _originals(conn):
    """The generated articles' documents: those whose page exists."""
    return conn.execute(
        "SELECT count(*), coalesce(max(page.id), 0) FROM delivery_deliverydocument"
        " AS document JOIN wagtailcore_page AS page ON page.id = document.page_id"
        " WHERE document.page_type = 'article'"
    ).fetchone()


def _remove_copies(conn, first_copy_id):
    removed = conn.execute(
        "DELETE FROM delivery_deliverydocument WHERE page_id >= %s", [first_copy_id]
    ).rowcount
    if removed:
        _log(f"removed {removed:,} earlier copies")


# Copy ``n`` of original ``document`` is page ``%(base)s + n * %(stride)s +
# row``; its slug and path end in ``-c<n>``; its date is spread over the span
# by a multiplicative hash of its id, so neighbours are not dated together.
COPY = """
INSERT INTO delivery_deliverydocument (
    page_id, page_type, live_path, locale, translation_key, slug, title,
    sort_date, section_id, expire_at, url_path, summary, detail, etag,
    last_modified, search_vector, rank_vector, search_text
)
SELECT copy.page_id, 'article',
       rtrim(original.live_path, '/') || copy.suffix || '/',
       original.locale, NULL, original.slug || copy.suffix, original.title,
       copy.sort_date, original.section_id, NULL,
       rtrim(original.url_path, '/') || copy.suffix || '/',
       replace(
           regexp_replace(original.summary, '^\\{"id":[0-9]+', '{"id":' || copy.page_id),
           original.live_path, rtrim(original.live_path, '/') || copy.suffix || '/'
       ),
       original.detail, md5(original.etag || copy.suffix), original.last_modified,
       original.search_vector, original.rank_vector, original.search_text
FROM (
    SELECT document.*, row_number() OVER (ORDER BY document.page_id) AS row
    FROM delivery_deliverydocument AS document
    JOIN wagtailcore_page AS page ON page.id = document.page_id
    WHERE document.page_type = 'article'
) AS original
CROSS JOIN LATERAL (
    SELECT %(base)s + n * %(stride)s + original.row AS page_id,
           '-c' || n AS suffix,
           timestamptz '2018-01-01 00:00:00+00' + make_interval(
               secs => ((%(base)s + n * %(stride)s + original.row) * 2654435761)
                       %% %(span)s
           ) AS sort_date
    FROM generate_series(0, %(copies)s - 1) AS n
) AS copy
WHERE copy.page_id < %(last)s
"""

# Arabic copies: the same shape, with a headline and body drawn from
# ARABIC_WORDS; one story in a thousand mentions ARABIC_RARE.
ARABIC = """
WITH written AS (
    SELECT copy.page_id, copy.sort_date,
           (SELECT string_agg(words[1 + (abs(hashint8(copy.page_id * 100 + i)::bigint)
                                         %% array_length(words, 1))], ' ')
            FROM generate_series(1, 8) AS i) AS headline,
           (SELECT string_agg(words[1 + (abs(hashint8(copy.page_id * 1000 + i)::bigint)
                                         %% array_length(words, 1))], ' ')
            FROM generate_series(1, 300) AS i)
           || CASE WHEN copy.page_id %% 1000 = 7 THEN ' ' || %(rare)s ELSE '' END
           AS body
    FROM (
        SELECT %(first)s + n AS page_id,
               timestamptz '2018-01-01 00:00:00+00' + make_interval(
                   secs => ((%(first)s + n) * 2654435761) %% %(span)s
               ) AS sort_date
        FROM generate_series(0, %(count)s - 1) AS n
    ) AS copy, (SELECT %(words)s::text[] AS words) AS vocabulary
)
INSERT INTO delivery_deliverydocument (
    page_id, page_type, live_path, locale, translation_key, slug, title,
    sort_date, section_id, expire_at, url_path, summary, detail, etag,
    last_modified, search_vector, rank_vector, search_text
)
SELECT page_id, 'article', '/ar/news/story-' || page_id || '/', 'ar', NULL,
       'story-' || page_id, headline, sort_date, NULL, NULL,
       '/home-ar/news/story-' || page_id || '/',
       json_build_object('id', page_id, 'type', 'article', 'title', headline,
                         'url', 'http://127.0.0.1:8000/ar/news/story-' || page_id || '/')::text,
       '{}', md5(page_id::text), now(),
       setweight(to_tsvector('arabic', headline), 'A')
       || setweight(to_tsvector('arabic', body), 'C'),
       setweight(to_tsvector('arabic', headline), 'A'),
       body
FROM written
"""


def _copy(conn, articles, arabic):
    originals, highest_page = _originals(conn)
    if not originals:
        sys.exit("No generated articles to copy: run generate_articles first.")
    # Copies are numbered from the next thousand above every real page.
    base = (highest_page // 1000 + 1) * 1000
    _remove_copies(conn, base)
    english = articles - originals - arabic
    if english < 0:
        sys.exit(f"{originals:,} articles exist already; ask for more.")
    copies = -(-english // originals)
    started = time.monotonic()
    conn.execute(
        COPY,
        {
            "base": base,
            "stride": originals,
            "span": SPAN_SECONDS,
            "copies": copies,
            "last": base + english + 1,
        },
    )
    _log(f"{english:,} copies in {time.monotonic() - started:.1f}s")
    if arabic:
        started = time.monotonic()
        conn.execute(
            ARABIC,
            {
                "first": base + english + 1,
                "count": arabic,
                "span": SPAN_SECONDS,
                "words": ARABIC_WORDS,
                "rare": ARABIC_RARE,
            },
        )
        _log(f"{arabic:,} Arabic stories in {time.monotonic() - started:.1f}s")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--articles", type=int, default=100_000, help="article documents in all"
    )
    parser.add_argument(
        "--arabic", type=int, default=5_000, help="of which Arabic stories"
    )
    args = parser.parse_args(argv)
    url = _database_url()
    with psycopg.connect(url) as conn:
        _copy(conn, args.articles, args.arabic)
    started = time.monotonic()
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute("VACUUM ANALYZE delivery_deliverydocument")
    _log(f"VACUUM ANALYZE in {time.monotonic() - started:.1f}s")


if __name__ == "__main__":
    main()
