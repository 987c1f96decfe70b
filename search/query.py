"""
One search path for the HTML site and the Delivery API: live, public articles
and author bios, best first among the newest matches by default, or in the
order asked for (``search.stored``: ranking and recency).

Full-text search reads the entries stored beside each published document
(``search.stored``: PostgreSQL's weighted tsvectors, or SQLite's FTS5 table)
when the site uses Wagtail's database backend; prefix search (search as you
type) and the Elasticsearch and OpenSearch backends go through Wagtail's
search backend instead (``PageHits``). Either way a result is a ``Hit`` and
articles are narrowed by the same ``ArticleFilters`` as the article list.

Queries are parsed with Wagtail's own parser, so ``"exact phrase"`` in quotes
is a phrase and the other words must all match, stemmed (``elections`` finds
"election"). Prefix mode is for search-as-you-type: the last word may be the
start of a word (``damas`` finds "Damascus"), matched against headlines,
author names and topics only, as Wagtail's autocomplete does. Snippets are
``search.highlighting``'s.
"""

import re
from typing import NamedTuple

from django.db.models import Count, Q, Window
from django.utils import timezone
from wagtail.models import Locale
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from blog.models import ArticlePage, AuthorPage
from cms.publishing.filters import ArticleFilters
from cms.publishing.links import PageLinks

from .entries import author_text
from .stored import NEWEST, OLDEST, ORDERS, RELEVANCE, Hit, stored_results

MAX_QUERY_LENGTH = 200
# How results may be ordered (``search.stored``), for the API and the site.
SEARCH_ORDERS = ORDERS
# Body blocks whose text can be read without touching the database; images,
# embeds and related-article cards would each cost a query per result.
SNIPPET_BLOCKS = ("paragraph", "heading", "pull_quote", "callout")


NO_FILTERS = ArticleFilters()


def normalise_query(raw):
    """Trim and bound a user's query; an empty result means "no search"."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def parse_search(query):
    """
    The query as Wagtail search query objects: quoted parts become ``Phrase``,
    the rest ``PlainText`` with every word required.

    Wagtail's parser also lifts ``key:value`` pairs out as filters; this site
    has explicit filter parameters instead, so a colon between words (``10:30``,
    ``Syria:``) is only punctuation here and the words stay in the query.
    """
    _filters, parsed = parse_query_string(
        re.sub(r"(\w):", r"\1 ", query), operator="and"
    )
    return parsed


def _visible(queryset):
    """
    Live, public and not past expiry (even before the scheduler unpublishes
    it). Every condition is on a ``FilterField``, so any backend can apply it.
    """
    return (
        queryset.live()
        .public()
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()))
    )


def _counts_in_sql():
    """
    True when the default backend searches in the database, where a window
    count on the page's own query saves a second full-text scan for ``count``.
    """
    return get_search_backend().__class__.__module__.startswith(
        ("modelsearch.backends.database", "wagtail.search.backends.database")
    )


# The date orders on Wagtail's backends: a story's date is its display date,
# else its first publication, as the stored documents' ``sort_date``.
DATE_FIELDS = {
    NEWEST: ("-display_date", "-first_published_at", "-pk"),
    OLDEST: ("display_date", "first_published_at", "pk"),
}


def _run(queryset, query, prefix, order=RELEVANCE):
    if _counts_in_sql():
        queryset = queryset.annotate(search_total=Window(Count("pk")))
    by_relevance = order not in DATE_FIELDS
    if not by_relevance:
        queryset = queryset.order_by(*DATE_FIELDS[order])
    if prefix:
        return queryset.autocomplete(
            _words(query), operator="and", order_by_relevance=by_relevance
        )
    return queryset.search(
        parse_search(query), operator="and", order_by_relevance=by_relevance
    )


def _words(query):
    """The query's words without quotes, for prefix search (no phrases there)."""
    return " ".join(query.replace('"', " ").split())


def _in_edition(queryset, locale):
    """``queryset`` narrowed to edition ``locale`` (a language code), if given."""
    if locale is None:
        return queryset
    locale_id = (
        Locale.objects.filter(language_code=locale).values_list("pk", flat=True).first()
    )
    return queryset.filter(locale_id=locale_id)


def _stored(
    page_type,
    query,
    filters=None,
    *,
    prefix=False,
    pages=None,
    locale=None,
    order=RELEVANCE,
    archive=False,
):
    """
    With the database backend, full-text search runs over the entries stored
    with the Delivery API's documents (``search.stored``); prefix search
    stays with Wagtail's autocomplete index, as do the cluster backends.
    """
    if prefix or not _counts_in_sql():
        return None
    return stored_results(
        page_type,
        query,
        filters=filters,
        pages=pages,
        locale=locale,
        order=order,
        archive=archive,
    )


def search_articles(
    query,
    filters=NO_FILTERS,
    *,
    prefix=False,
    listing=False,
    locale=None,
    order=RELEVANCE,
):
    """
    Matching live articles of edition ``locale`` (every edition when None),
    in ``order`` (``search.stored``: best first among the newest matches by
    default); with ``listing``, each comes with what an article card shows
    (hero image, byline, topics) prefetched.
    """
    queryset = _visible(ArticlePage.objects)
    if listing:
        queryset = queryset.with_listing_relations()
    stored = _stored(
        "article",
        query,
        filters,
        prefix=prefix,
        pages=queryset,
        locale=locale,
        order=order,
        archive=True,
    )
    if stored is not None:
        return stored
    return _run(_in_edition(filters.pages(queryset), locale), query, prefix, order)


def search_authors(query, *, prefix=False, locale=None):
    """Matching live author bios of edition ``locale``, best first."""
    queryset = _visible(AuthorPage.objects)
    stored = _stored("author", query, prefix=prefix, pages=queryset, locale=locale)
    if stored is not None:
        return stored
    return _run(_in_edition(queryset, locale), query, prefix)


class PageHits:
    """
    Results of Wagtail's search backend (prefix search, the cluster
    backends) read as ``Hit``s, built from each page as its stored document
    would have them, so that one kind of result serves every search.
    """

    def __init__(self, results, text):
        self.results = results
        self.text = text

    def __getitem__(self, item):
        links = PageLinks()
        return [
            Hit(
                page.pk,
                page.title,
                links.path(page),
                links.url(page),
                self.text(page),
                getattr(page, "search_total", None),
            )
            for page in self.results[item]
        ]

    def count(self):
        return self.results.count()

    # Wagtail's backends count every match.
    count_exact = True


def article_hits(
    query, filters=NO_FILTERS, *, prefix=False, locale=None, order=RELEVANCE
):
    """
    Matching live articles as ``Hit``s, in ``order``. From the stored
    entries they are read from the documents alone: no page is loaded, and
    no view restriction is looked up (documents exist only for public pages).
    """
    stored = _stored(
        "article",
        query,
        filters,
        prefix=prefix,
        locale=locale,
        order=order,
        archive=True,
    )
    if stored is not None:
        return stored
    return PageHits(
        search_articles(query, filters, prefix=prefix, locale=locale, order=order),
        article_text,
    )


def author_hits(query, *, prefix=False, locale=None):
    """Matching live author bios as ``Hit``s, best first (see ``article_hits``)."""
    stored = _stored("author", query, prefix=prefix, locale=locale)
    if stored is not None:
        return stored
    return PageHits(search_authors(query, prefix=prefix, locale=locale), author_text)


class ResultsPage(NamedTuple):
    """
    One page of search results and their total: every match when ``exact``,
    else a lower bound (more match; see ``search.stored``).
    """

    rows: list
    total: int
    exact: bool = True


def fetch_page(results, start, stop):
    """
    ``results[start:stop]`` as a ``ResultsPage``, with the total number of results.

    The total comes with the rows (a window count) on the database backends,
    from the rows themselves when the page is the last one, and from a
    separate count only when neither can tell. The stored entries' total
    may be a lower bound (``count_exact``); Wagtail's results always count
    every match.
    """
    rows = list(results[start:stop]) if stop > start else []
    if rows and getattr(rows[0], "search_total", None) is not None:
        return ResultsPage(rows, rows[0].search_total, _exact(results))
    if len(rows) < stop - start and (rows or start == 0):
        return ResultsPage(rows, start + len(rows))
    total = results.count()
    return ResultsPage(rows, total, _exact(results))


def _exact(results):
    """False when ``results`` counted only part of the matches (the stored entries)."""
    return getattr(results, "count_exact", True)


def article_text(article):
    """
    Standfirst and body text of ``article`` for snippets, read without
    queries: the text stored with its search entry when the results carry it
    (``search.stored``), otherwise read from the body's blocks.
    """
    stored = getattr(article, "snippet_text", None)
    if stored is not None:
        return stored
    parts = [article.standfirst]
    stream = article.body
    child_blocks = stream.stream_block.child_blocks
    for item in stream.raw_data:
        block = child_blocks.get(item["type"])
        if block is not None and item["type"] in SNIPPET_BLOCKS:
            parts.extend(block.get_searchable_content(block.to_python(item["value"])))
    return " ".join(part for part in parts if part)
