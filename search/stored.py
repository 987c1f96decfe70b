"""
Search over the entries stored with each Delivery API document
(``search.entries``): one statement ranks and counts the matches and reads
one page of them, by their documents (on PostgreSQL, up to three for the
ranking window, each reading a wider slice of the archive).

The query reads the same on both databases: quoted parts are phrases, every
other word must match, stemmed. How results are ordered (``order``):

- ``relevance`` (the default): the newest ``SEARCH_RANKING_WINDOW`` matches
  (1,000), best first; after them every older match, newest first. A word
  found in most of the archive costs a slice of the newest stories (on
  PostgreSQL, ``Scope``), not a ranking of every story it is in. With ``published_after`` or
  ``published_before`` every match in those dates is ranked instead: the
  reader has said which part of the archive they want.
- ``relevance_all``: every match ranked, best first, whatever its age; it
  costs in proportion to the number of matches.
- ``-date`` / ``date``: newest or oldest first.

Best first is, on PostgreSQL, ``ts_rank`` over the headline (A), standfirst
and topics (B) and bylines (D) of each match; a story that needs its body
(C) to match scores as if each query word appeared there once, on top of
whatever its headline and standfirst earned. On SQLite it is FTS5's
``bm25`` with the columns weighted 10, 5, 2 and 1. Ties go to the newest.

The total is exact when it is known without reading every match: whenever
the statement read them all (fewer matches than the window and the page,
``relevance_all``, date bounds). Otherwise ``count_exact`` is False and
``count()`` is a lower bound: more results exist.

Each result is a ``Hit`` read from its document alone: title, path and URL
as the list and detail endpoints serve them, and the text its snippet
quotes. Given a queryset of pages (the site's search page shows article
cards), results are those pages instead, loaded in one more query.
"""

import json
import re
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .entries import FTS_TABLE, FTS_WEIGHTS, search_config
from .languages import fold

RELEVANCE = "relevance"
EVERY_MATCH = "relevance_all"
NEWEST = "-date"
OLDEST = "date"
ORDERS = (RELEVANCE, EVERY_MATCH, NEWEST, OLDEST)

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


class Scope(NamedTuple):
    """
    The part of the edition a search statement reads: its ``stories`` newest
    stories (oldest, for the ``date`` order), or all of them (None).

    The newest ``reach`` matches of the edition are the newest ``reach`` of
    any slice of its newest stories that holds that many: every story left
    out is older than every story in the slice. So a slice that holds
    ``reach`` matches answers exactly as the whole edition would; one that
    holds fewer gives way to a wider one, and the last to the whole
    edition, where the matches are then known to be ``sparse``: gathered
    from the full-text index and sorted, not found by walking the stories
    newest first.
    """

    stories: int | None = None
    # Whether the matches are gathered from the indexes and then sorted,
    # rather than found by walking the stories newest first.
    gathered: bool = False

    def settles(self, read, reach):
        """Whether a statement that read ``read`` matches here has its answer."""
        return self.stories is None or (read is not None and read >= reach)


WHOLE_EDITION = Scope()
SPARSE_MATCHES = Scope(gathered=True)
# The slices a windowed search reads in turn, in stories per match it must
# hold: a word in most stories is settled by the first, a word in one story
# in eight by the second. Rarer words are gathered from the whole edition's
# full-text index, where their matches are few.
SLICES = (2, 8)


class StoredResults:
    """
    Matching live pages in ``order``, read a slice at a time:
    ``results[start:stop]`` costs one statement for the hits and their
    total (and one more for the pages, when given ``pages``). Each result
    carries ``search_total``, as Wagtail's database backends' results do
    (see ``search.query.fetch_page``), and ``count_exact`` says whether it
    is every match or a lower bound.
    """

    # A LIMIT that keeps every row.
    NO_LIMIT = None
    # How the page of results joins its documents, the results driving.
    JOIN = "JOIN"

    def __init__(
        self,
        page_type,
        query,
        filters=None,
        pages=None,
        locale=None,
        order=RELEVANCE,
        *,
        archive=False,
    ):
        self.page_type = page_type
        # An archive (articles) grows for ever, and is read in slices of its
        # newest stories; other page types (author bios) stay few.
        self.archive = archive
        # Folded as the indexed text was (search.languages).
        self.query = fold(query)
        self.locale = locale
        self.filters = filters
        self.pages = pages
        self.order = order
        self._total = None
        self.count_exact = True
        # Where the last slice ended: a count after an empty page reads as
        # far as that page did.
        self._stop = 0

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

    def _window(self):
        """
        How many of the newest matches are ranked: None for all of them
        (``relevance_all``, or dates asked for), none for the date orders.
        """
        if self.order in (NEWEST, OLDEST):
            return 0
        dated = self.filters and (
            self.filters.published_after or self.filters.published_before
        )
        if self.order == EVERY_MATCH or dated:
            return None
        return settings.SEARCH_RANKING_WINDOW

    def _reach(self, stop):
        """
        How many matches, in date order, the slice ending at ``stop`` reads:
        the ranking window or the slice, whichever is longer, and one more to
        tell whether others follow; None to read them all.
        """
        window = self._window()
        if stop is None or window is None:
            return None
        return max(window, stop) + 1

    def _matches(self, reach, scope):
        """
        ``(sql, params)`` selecting ``page_id``, ``sort_date`` and ``score``
        (higher is better) of the visible matches within ``scope``: the
        first ``reach`` in date order (newest first, or oldest for
        ``date``), or all of them in no order when ``reach`` is None. None
        when nothing can match.
        """
        raise NotImplementedError

    def _direction(self):
        return "ASC" if self.order == OLDEST else "DESC"

    def _ranked(self, reach=None, scope=WHOLE_EDITION):
        """
        ``(sql, params)`` of the matches the slice reads, each with its
        ``score`` (NULL past the ranking window, where they go by date) and
        ``total``, the number of rows read; None when nothing can match.
        """
        matches = self._matches(reach, scope)
        if matches is None:
            return None
        sql, params = matches
        window = self._window()
        direction = self._direction()
        if window is None:
            score = "score"
        else:
            score = (
                "CASE WHEN ROW_NUMBER() OVER (ORDER BY "
                f"sort_date {direction}, page_id {direction}) <= %s "
                "THEN score END"
            )
            params = [window, *params]
        # Wrapped once more so that the sort's expressions (``score IS
        # NULL``) read this score: PostgreSQL reads a name inside an ORDER BY
        # expression as the input's column, the unwindowed score.
        return (
            "SELECT page_id, sort_date, score, total FROM ("  # noqa: S608
            f"SELECT page_id, sort_date, {score} AS score, "
            f"COUNT(*) OVER () AS total FROM ({sql}) AS matched) AS ranked",
            params,
        )

    def _order(self):
        """The sort of ``_ranked``'s rows: ranked first, best first, then by date."""
        direction = self._direction()
        return (
            "score IS NULL",
            "score DESC",
            f"sort_date {direction}",
            f"page_id {direction}",
        )

    def hits(self, start, stop):
        """The ``Hit`` of each result in ``[start:stop]``, in order."""
        self._stop = stop
        reach = self._reach(stop)
        limit = self.NO_LIMIT if stop is None else max(stop - start, 0)
        order = self._order()

        def page_of_hits(sql, params):
            # Only the page of results is joined back to its documents:
            # carried through the ranking's sort and count, every match's
            # text and summary would be read (and detoasted) to keep twenty.
            statement = (
                "SELECT document.page_id, document.title, document.live_path, "  # noqa: S608
                "document.summary, document.search_text, hit.total "
                f"FROM ({sql} ORDER BY {', '.join(order)} LIMIT %s OFFSET %s) "
                f"AS hit {self.JOIN} delivery_deliverydocument AS document "
                "ON document.page_id = hit.page_id "
                f"ORDER BY {', '.join(f'hit.{term}' for term in order)}"
            )
            with connection.cursor() as cursor:
                cursor.execute(statement, [*params, limit, start])
                rows = cursor.fetchall()
            return rows, rows[0][-1] if rows else None

        found = self._settled(reach, page_of_hits)
        if found is None:
            return []
        rows, read = found
        if rows:
            self._settle(read, reach)
        # The URL the list form carries. Python's parser reads a summary in a
        # third of the time PostgreSQL's takes to find its "url".
        return [
            Hit(page_id, title, path, json.loads(summary)["url"], text, self._total)
            for page_id, title, path, summary, text, _read in rows
        ]

    def _settle(self, read, reach):
        """
        The total from the number of matches read: exact when they were all
        read, else a lower bound (one was read only to know that more exist).
        """
        self.count_exact = reach is None or read < reach
        self._total = read if self.count_exact else reach - 1

    def matches(self):
        """How many documents match, as far as the last slice's statement read."""
        reach = self._reach(self._stop)

        def count(sql, params):
            with connection.cursor() as cursor:
                cursor.execute(f"SELECT COUNT(*) FROM ({sql}) AS hit", params)  # noqa: S608
                read = cursor.fetchone()[0]
            return read, read

        found = self._settled(reach, count)
        if found is None:
            return 0
        _count, read = found
        self._settle(read, reach)
        return self._total

    def _settled(self, reach, statement):
        """
        ``statement(sql, params)`` of the matches, which returns its result
        and how many matches it read, run on each of ``_scopes`` in turn
        until one settles: ``(result, read)``, or None when nothing can match.
        """
        for scope in self._scopes(reach):
            ranked = self._ranked(reach, scope)
            if ranked is None:
                return None
            result, read = statement(*ranked)
            if scope.settles(read, reach):
                break
        return result, read

    def _scopes(self, reach):
        """
        The parts of the edition that statements read in turn, until one
        ``settles``: here the whole edition, once.
        """
        return [WHOLE_EDITION]

    def _slice(self, start, stop):
        hits = self.hits(start, stop)
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
            return self.matches()
        return self._total


class PostgresResults(StoredResults):
    """
    Matches from the GIN-indexed ``search_vector``, ranked from ``rank_vector``.

    The ranking window is read in ``Scope``s: the edition's newest stories,
    twice as many as the matches it needs, then eight times as many, then
    the matches of the whole edition. A word in most stories is settled by
    the first slice, which the planner reads by walking the date index and
    testing each story until it has enough (about as many stories as it
    needs matches). A word in one story in eight is settled by the second,
    whose matches are gathered: the slice is intersected with the GIN
    index's matches, so that only stories that both match and are in the
    slice are read from the table. Either way the cost does not depend on
    the size of the archive. A rarer word is gathered from the GIN index
    over the whole edition, where its matches are few. Left to itself the
    planner walks the date index for these too: it prices testing a
    story's words (reading its vector out of line) at a fraction of what
    it costs, five times a match read through the intersection.
    """

    def _scopes(self, reach):
        # Only the ranking window is read in slices (newest first): in date
        # order the walk of the date index stops at the page's last story.
        if reach is None or not self.archive or not self._window():
            return [WHOLE_EDITION]
        first, *wider = SLICES
        return [
            Scope(reach * first),
            *(Scope(reach * size, gathered=True) for size in wider),
            SPARSE_MATCHES,
        ]

    def _slice_condition(self, scope):
        """
        ``(sql, params)``: the document is among the ``scope``'s newest
        stories, that is, no older than the edition's story that many
        stories in (every document has a date). A plain range on the date,
        which the date index answers and the planner can intersect with the
        full-text index's matches; an edition with fewer stories is whole.
        """
        edition, params = ["page_type = %s"], [self.page_type]
        if self.locale is not None:
            edition.append("locale = %s")
            params.append(self.locale)
        boundary = (
            "(SELECT sort_date FROM delivery_deliverydocument "  # noqa: S608
            f"WHERE {' AND '.join(edition)} "
            "ORDER BY sort_date DESC, page_id DESC OFFSET %s LIMIT 1)"
        )
        params.append(scope.stories)
        sql = f"document.sort_date >= COALESCE({boundary}, '-infinity'::timestamptz)"
        return sql, params

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

    def _matches(self, reach, scope):
        tsquery, query_params, words = self._ts_query()
        conditions, params = self._visible()
        conditions.append(f"document.search_vector @@ ({tsquery})")
        params += query_params
        if scope.stories is not None:
            within, values = self._slice_condition(scope)
            conditions.append(within)
            params += values
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
        sql = (
            f"SELECT document.page_id, document.sort_date, {score} AS score "  # noqa: S608
            "FROM delivery_deliverydocument AS document "
            f"WHERE {' AND '.join(conditions)}"
        )
        params = [*score_params, *params]
        if reach is None:
            # Scored over narrow rows, so that the count around them copies
            # no rank vectors (OFFSET 0 keeps the planner from merging them).
            return f"{sql} OFFSET 0", params
        # Scored as they are read: walking the date index, only the stories
        # kept are scored; from the GIN index, every match is (a microsecond
        # each), and the sort then carries a number instead of its vector.
        direction = self._direction()
        if scope.gathered:
            # OFFSET 0 fences the matches off from the order, so that the
            # planner gathers them from the indexes instead of walking the
            # date index (see the class docstring).
            return (
                f"SELECT page_id, sort_date, score FROM ({sql} OFFSET 0) AS gathered "  # noqa: S608
                f"ORDER BY sort_date {direction}, page_id {direction} LIMIT %s",
                [*params, reach],
            )
        return (
            f"{sql} ORDER BY document.sort_date {direction}, "
            f"document.page_id {direction} LIMIT %s",
            [*params, reach],
        )


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
    """
    Matches and ``bm25`` ranks from the FTS5 table, in one statement. FTS5
    ranks every match as it finds them, so the window changes which matches
    come first here, not what the statement costs.
    """

    NO_LIMIT = -1
    JOIN = "CROSS JOIN"  # SQLite keeps the order of a CROSS JOIN

    def _matches(self, reach, scope):
        match = fts_query(self.query)
        if not match:
            return None
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        conditions, params = self._visible()
        # bm25() only works in a query of the FTS table alone: rank there,
        # then join the documents a reader may see. CROSS JOIN keeps
        # SQLite's join order: the matches drive, each looks up its document
        # by key. Left to itself, the planner may walk every visible
        # document and probe the index for each. bm25 is lower for better
        # matches; negated, higher is better, as on PostgreSQL.
        sql = (
            "SELECT document.page_id, document.sort_date, -hit.score AS score "  # noqa: S608
            f"FROM (SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS hit "
            "CROSS JOIN delivery_deliverydocument AS document "
            "ON document.page_id = hit.rowid "
            f"WHERE {' AND '.join(conditions)}"
        )
        params = [match, *params]
        if reach is None:
            return sql, params
        direction = self._direction()
        return (
            f"{sql} ORDER BY document.sort_date {direction}, "
            f"document.page_id {direction} LIMIT %s",
            [*params, reach],
        )


def stored_results(page_type, query, **options):
    """
    The results class for this database, or None where Wagtail's backend
    searches; ``options`` are ``StoredResults``' (``locale`` keeps one
    edition's documents, and an ``archive`` is read in slices of its newest
    stories, ``Scope``).
    """
    results = {"postgresql": PostgresResults, "sqlite": SQLiteResults}.get(
        connection.vendor
    )
    if results is None:
        return None
    return results(page_type, query, **options)
