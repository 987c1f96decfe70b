"""
Search over the entries stored with each Delivery API document
(``search.entries``): one indexed match, ranked and counted in the same
statement, then the page objects of one page of results.

The query reads the same on both databases: quoted parts are phrases, every
other word must match, stemmed. Ranking, best first:

- PostgreSQL: ``ts_rank`` over the headline (A), standfirst and topics (B)
  and bylines (D) of each match; a story that needs its body (C) to match
  scores as if each query word appeared there once, on top of whatever its
  headline and standfirst earned;
- SQLite: FTS5's ``bm25`` with the columns weighted 10, 5, 2 and 1;
- ties, newest first.
"""

import re

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Case, Count, F, Q, Value, When, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from blog.models import ArticleAuthor, ArticleTopic
from cms.api.delivery.models import DeliveryDocument

from .entries import FTS_TABLE, FTS_WEIGHTS, search_config

PHRASE = re.compile(r'"([^"]*)"')
WORD = re.compile(r"\w+")


def split_query(query):
    """The quoted phrases of ``query``, and its other words as one string."""
    phrases = [phrase.strip() for phrase in PHRASE.findall(query) if phrase.strip()]
    words = PHRASE.sub(" ", query).replace('"', " ").strip()
    return phrases, words


def _filtered(documents, filters):
    """Narrow ``documents`` by author, topics and dates, as the article list does."""
    if filters.author is not None:
        links = ArticleAuthor.objects.filter(
            **(
                {"author_id": filters.author}
                if isinstance(filters.author, int)
                else {"author__slug": filters.author}
            )
        )
        documents = documents.filter(page_id__in=links.values("page_id"))
    for alternatives in filters.topics:
        tagged = ArticleTopic.objects.filter(tag__slug__in=alternatives)
        documents = documents.filter(page_id__in=tagged.values("content_object_id"))
    # The document's sort date is the display date, or the first publication.
    if filters.published_after:
        documents = documents.filter(sort_date__gte=filters.published_after)
    if filters.published_before:
        documents = documents.filter(sort_date__lte=filters.published_before)
    return documents


class StoredResults:
    """
    Matching live pages, best first, read a slice at a time:
    ``results[start:stop]`` costs one statement for the ids and the total,
    and one for the pages. Each page carries ``search_total``, as Wagtail's
    database backends' results do (see ``search.query.fetch_page``).
    """

    def __init__(self, pages, page_type, query, filters=None):
        self.pages = pages
        self.page_type = page_type
        self.query = query
        self.filters = filters
        self._total = None

    def _visible(self):
        documents = DeliveryDocument.objects.filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()),
            page_type=self.page_type,
        )
        if self.filters:
            documents = _filtered(documents, self.filters)
        return documents

    def ranked_ids(self, start, stop):
        """``[(page_id, total), ...]`` for the slice, best first."""
        raise NotImplementedError

    def matches(self):
        """How many documents match."""
        raise NotImplementedError

    def _slice(self, start, stop):
        rows = self.ranked_ids(start, stop)
        if not rows:
            return []
        self._total = rows[0][1]
        # The snippet texts of this page of results only: carried through the
        # ranking's sort, every match's text cost several times the ranking.
        ids = [page_id for page_id, _ in rows]
        texts = {}
        if self.page_type == "article":  # an author's snippet is its role and bio
            texts = dict(
                DeliveryDocument.objects.filter(pk__in=ids).values_list(
                    "page_id", "search_text"
                )
            )
        by_id = self.pages.in_bulk(ids)
        found = []
        for page_id, total in rows:
            page = by_id.get(page_id)
            if page is not None:
                page.search_total = total
                page.snippet_text = texts.get(page_id)
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

    def _ts_query(self):
        config = search_config()
        phrases, words = split_query(self.query)
        parts = [
            SearchQuery(phrase, search_type="phrase", config=config)
            for phrase in phrases
        ]
        if words or not parts:
            parts.append(SearchQuery(words, search_type="plain", config=config))
        combined = parts[0]
        for part in parts[1:]:
            combined &= part
        return combined, " ".join([*phrases, words])

    def _matching(self):
        tsquery, words = self._ts_query()
        return self._visible().filter(search_vector=tsquery), tsquery, words

    def ranked_ids(self, start, stop):
        documents, tsquery, words = self._matching()
        lead = SearchRank(F("rank_vector"), tsquery)
        # What one mention of each query word in the body is worth.
        body = SearchRank(
            SearchVector(Value(words), config=search_config(), weight="C"), tsquery
        )
        score = Case(
            When(rank_vector=tsquery, then=lead),
            default=Coalesce(lead, Value(0.0)) + body,
        )
        ranked = documents.annotate(
            score=score, search_total=Window(Count("page_id"))
        ).order_by("-score", F("sort_date").desc(nulls_last=True), "-page_id")
        return list(ranked.values_list("page_id", "search_total")[start:stop])

    def matches(self):
        return self._matching()[0].count()


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

    def _statement(self, select, tail=""):
        # bm25() only works in a query of the FTS table alone: rank there,
        # then join the documents a reader may see.
        match = fts_query(self.query)
        weights = ", ".join(str(weight) for weight in FTS_WEIGHTS)
        now = connection.ops.adapt_datetimefield_value(timezone.now())
        where = [
            "document.page_type = %s",
            "(document.expire_at IS NULL OR document.expire_at > %s)",
        ]
        params = [match, self.page_type, now]
        if self.filters:
            narrowed = _filtered(DeliveryDocument.objects.all(), self.filters)
            filter_sql, filter_params = narrowed.values(
                "page_id"
            ).query.sql_with_params()
            where.append(f"document.page_id IN ({filter_sql})")
            params += filter_params
        sql = (
            f"SELECT {select} FROM ("  # noqa: S608
            f"SELECT rowid, bm25({FTS_TABLE}, {weights}) AS score "
            f"FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s) AS hit "
            # CROSS JOIN keeps SQLite's join order: the matches drive, each
            # looks up its document by key. Left to itself, the planner may
            # walk every visible document and probe the index for each.
            "CROSS JOIN delivery_deliverydocument AS document "
            "ON document.page_id = hit.rowid "
            f"WHERE {' AND '.join(where)} {tail}"
        )
        return match, sql, params

    def ranked_ids(self, start, stop):
        match, sql, params = self._statement(
            "document.page_id, COUNT(*) OVER ()",
            "ORDER BY hit.score, document.sort_date DESC, document.page_id DESC "
            "LIMIT %s OFFSET %s",
        )
        if not match:
            return []
        limit = -1 if stop is None else max(stop - start, 0)
        with connection.cursor() as cursor:
            cursor.execute(sql, [*params, limit, start])
            return cursor.fetchall()

    def matches(self):
        match, sql, params = self._statement("COUNT(*)")
        if not match:
            return 0
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            return cursor.fetchone()[0]


def stored_results(pages, page_type, query, filters=None):
    """The results class for this database, or None where Wagtail's backend searches."""
    results = {"postgresql": PostgresResults, "sqlite": SQLiteResults}.get(
        connection.vendor
    )
    return results(pages, page_type, query, filters) if results else None
