"""
Search over the entries stored with each Delivery API document
(``search.entries``): one statement ranks and counts the matches and reads
one page of them, by their documents.

The query reads the same on both databases: quoted parts are phrases, every
other word must match, stemmed. Ranking, best first:

- PostgreSQL: ``ts_rank`` over the headline (A), standfirst and topics (B)
  and bylines (D) of each match; a story that needs its body (C) to match
  scores as if each query word appeared there once, on top of whatever its
  headline and standfirst earned;
- SQLite: FTS5's ``bm25`` with the columns weighted 10, 5, 2 and 1;
- ties, newest first.

Each result is a ``Hit`` read from its document alone: title, path and URL
as the list and detail endpoints serve them, and the text its snippet
quotes. Given a queryset of pages (the site's search page shows article
cards), results are those pages instead, loaded in one more query.
"""

import json
import re
from typing import NamedTuple

from django.db import connection
from django.utils import timezone

from .entries import FTS_TABLE, FTS_WEIGHTS, search_config
from .languages import fold

PHRASE = re.compile(r'"([^"]*)"')
WORD = re.compile(r"\w+")


def split_query(query):
    """The quoted phrases of ``query``, and its other words as one string."""
    phrases = [phrase.strip() for phrase in PHRASE.findall(query) if phrase.strip()]
    words = PHRASE.sub(" ", query).replace('"', " ").strip()
    return phrases, words


class Hit(NamedTuple):
    """One search result as its stored document has it."""

    page_id: int
    title: str
    path: str
    url: str
    # What the snippet quotes: an article's standfirst and body, an author's
    # role and short bio (None for a document stored before its search
    # entry, until ``update_search_entries`` fills it in).
    text: str | None
    search_total: int | None = None


def _filter_conditions(filters):
    """
    SQL conditions on ``document`` narrowing by author, topics and dates, with
    the subqueries of the article list (``ArticleFilters``); the relations
    are the pages' own (live) tables.
    """
    conditions, params = [], []
    authored = filters.authored()
    for subquery in ([authored] if authored is not None else []) + filters.tagged():
        sql, values = subquery.query.sql_with_params()
        conditions.append(f"document.page_id IN ({sql})")
        params += list(values)
    # The document's sort date is the display date, or the first publication.
    if filters.published_after:
        conditions.append("document.sort_date >= %s")
        params.append(_datetime(filters.published_after))
    if filters.published_before:
        conditions.append("document.sort_date <= %s")
        params.append(_datetime(filters.published_before))
    return conditions, params


def _datetime(value):
    return connection.ops.adapt_datetimefield_value(value)


class StoredResults:
    """
    Matching live pages, best first, read a slice at a time:
    ``results[start:stop]`` costs one statement for the hits and their
    total (and one more for the pages, when given ``pages``). Each result
    carries ``search_total``, as Wagtail's database backends' results do
    (see ``search.query.fetch_page``).
    """

    # The sort of ``_ranked``'s columns, best first; the last term is unique.
    ORDER = ()
    # A LIMIT that keeps every row.
    NO_LIMIT = None
    # How the page of results joins its documents, the results driving.
    JOIN = "JOIN"

    def __init__(self, page_type, query, filters=None, pages=None, locale=None):
        self.page_type = page_type
        # Folded as the indexed text was (search.languages).
        self.query = fold(query)
        self.locale = locale
        self.filters = filters
        self.pages = pages
        self._total = None

    def _visible(self):
        """Conditions and parameters: this page type, not past expiry, filtered."""
        conditions = [
            "document.page_type = %s",
            "(document.expire_at IS NULL OR document.expire_at > %s)",
        ]
        params = [self.page_type, _datetime(timezone.now())]
        if self.locale is not None:
            conditions.append("document.locale = %s")
            params.append(self.locale)
        if self.filters:
            narrowing, values = _filter_conditions(self.filters)
            conditions += narrowing
            params += values
        return conditions, params

    def _ranked(self):
        """
        ``(sql, params)`` selecting ``page_id``, ``sort_date``, ``score`` and
        the number of matches, ``total``, for every match (in no order), or
        None when nothing can match.
        """
        raise NotImplementedError

    def hits(self, start, stop):
        """The ``Hit`` of each result in ``[start:stop]``, best first."""
        ranked = self._ranked()
        if ranked is None:
            return []
        sql, params = ranked
        limit = self.NO_LIMIT if stop is None else max(stop - start, 0)
        # Only the page of results is joined back to its documents: carried
        # through the ranking's sort and count, every match's text and
        # summary would be read (and detoasted) to keep twenty.
        statement = (
            "SELECT document.page_id, document.title, document.live_path, "  # noqa: S608
            "document.summary, document.search_text, hit.total "
            f"FROM ({sql} ORDER BY {', '.join(self.ORDER)} LIMIT %s OFFSET %s) "
            f"AS hit {self.JOIN} delivery_deliverydocument AS document "
            "ON document.page_id = hit.page_id "
            f"ORDER BY {', '.join(f'hit.{term}' for term in self.ORDER)}"
        )
        with connection.cursor() as cursor:
            cursor.execute(statement, [*params, limit, start])
            rows = cursor.fetchall()
        # The URL the list form carries. Python's parser reads a summary in a
        # third of the time PostgreSQL's takes to find its "url".
        return [
            Hit(page_id, title, path, json.loads(summary)["url"], text, total)
            for page_id, title, path, summary, text, total in rows
        ]

    def matches(self):
        """How many documents match."""
        ranked = self._ranked()
        if ranked is None:
            return 0
        sql, params = ranked
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS hit", params)  # noqa: S608
            return cursor.fetchone()[0]

    def _slice(self, start, stop):
        hits = self.hits(start, stop)
        if hits:
            self._total = hits[0].search_total
        if self.pages is None or not hits:
            return hits
        by_id = self.pages.in_bulk([hit.page_id for hit in hits])
        found = []
        for hit in hits:
            page = by_id.get(hit.page_id)
            if page is not None:
                page.search_total = hit.search_total
                page.snippet_text = hit.text
                found.append(page)
        return found

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("Search results are read in slices.")
        return self._slice(item.start or 0, item.stop)

    def __iter__(self):
        return iter(self._slice(0, None))

    def count(self):
        if self._total is None:
            self._total = self.matches()
        return self._total


class PostgresResults(StoredResults):
    """Matches from the GIN-indexed ``search_vector``, ranked from ``rank_vector``."""

    ORDER = ("score DESC", "sort_date DESC NULLS LAST", "page_id DESC")

    def _ts_query(self):
        """The query as a ``tsquery`` expression, and all its words as one string."""
        config = search_config(self.locale)
        phrases, words = split_query(self.query)
        parts = [("phraseto_tsquery(%s::regconfig, %s)", phrase) for phrase in phrases]
        if words or not parts:
            parts.append(("plainto_tsquery(%s::regconfig, %s)", words))
        sql = " && ".join(f"({function})" for function, _ in parts)
        params = [value for _, text in parts for value in (config, text)]
        return sql, params, " ".join([*phrases, words])

    def _ranked(self):
        tsquery, query_params, words = self._ts_query()
        conditions, params = self._visible()
        conditions.append(f"document.search_vector @@ ({tsquery})")
        params += query_params
        # What one mention of each query word in the body is worth: a
        # constant, computed once when the statement is planned.
        body = f"ts_rank(setweight(to_tsvector(%s::regconfig, %s), 'C'), ({tsquery}))"
        score = (
            f"CASE WHEN document.rank_vector @@ ({tsquery}) "
            f"THEN ts_rank(document.rank_vector, ({tsquery})) "
            f"ELSE COALESCE(ts_rank(document.rank_vector, ({tsquery})), 0.0) "
            f"+ {body} END"
        )
        score_params = [
            *query_params,
            *query_params,
            *query_params,
            search_config(self.locale),
            words,
            *query_params,
        ]
        # The window counts the matches after the score is computed over
        # narrow rows; counted over whole rows it copies every match's rank
        # vector (OFFSET 0 keeps the planner from merging the two).
        sql = (
            "SELECT document.page_id, document.sort_date, document.score, "  # noqa: S608
            "COUNT(*) OVER () AS total FROM ("
            f"SELECT document.page_id, document.sort_date, {score} AS score "
            "FROM delivery_deliverydocument AS document "
            f"WHERE {' AND '.join(conditions)} OFFSET 0) AS document"
        )
        return sql, [*score_params, *params]


def fts_query(query):
    """
    ``query`` in FTS5's syntax: each phrase and each word quoted (so nothing
    the reader types is read as an operator), all of them required.
    """
    phrases, words = split_query(query)
    terms = [" ".join(WORD.findall(phrase)) for phrase in phrases]
    terms += WORD.findall(words)
    return " ".join(f'"{term}"' for term in terms if term)


class SQLiteResults(StoredResults):
    """Matches and ``bm25`` ranks from the FTS5 table, in one statement."""

    ORDER = ("score", "sort_date DESC", "page_id DESC")
    NO_LIMIT = -1
    JOIN = "CROSS JOIN"  # SQLite keeps the order of a CROSS JOIN

    def _ranked(self):
        match = fts_query(self.query)
        if not match:
            return None
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        conditions, params = self._visible()
        # bm25() only works in a query of the FTS table alone: rank there,
        # then join the documents a reader may see. CROSS JOIN keeps
        # SQLite's join order: the matches drive, each looks up its document
        # by key. Left to itself, the planner may walk every visible
        # document and probe the index for each.
        sql = (
            "SELECT document.page_id, document.sort_date, hit.score, "  # noqa: S608
            "COUNT(*) OVER () AS total FROM ("
            f"SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS hit "
            "CROSS JOIN delivery_deliverydocument AS document "
            "ON document.page_id = hit.rowid "
            f"WHERE {' AND '.join(conditions)}"
        )
        return sql, [match, *params]


def stored_results(page_type, query, filters=None, pages=None, locale=None):
    """
    The results class for this database, or None where Wagtail's backend
    searches; ``locale`` keeps one edition's documents.
    """
    results = {"postgresql": PostgresResults, "sqlite": SQLiteResults}.get(
        connection.vendor
    )
    return results(page_type, query, filters, pages, locale) if results else None
