"""
Search on PostgreSQL over the vectors stored with each Delivery API document
(``search.vectors``): one indexed match, ranked from small vectors, counted
in the same statement.

The query reads like the other backends: quoted parts are phrases, every
other word must match, stemmed by the ``SEARCH_CONFIG`` language. Ranking,
best first:

- ``ts_rank`` over the headline (A), standfirst and topics (B) and bylines
  (D) of each match;
- a story that needs its body (C) to match scores as if each query word
  appeared there once, on top of whatever its headline and standfirst earned;
- ties, newest first.
"""

import re

from django.contrib.postgres.search import (
    SearchQuery,
    SearchRank,
    SearchVector,
)
from django.db.models import Case, Count, F, Q, Value, When, Window
from django.db.models.functions import Coalesce
from django.utils import timezone

from blog.models import ArticleAuthor, ArticleTopic
from cms.api.delivery.models import DeliveryDocument

from .vectors import search_config

PHRASE = re.compile(r'"([^"]*)"')


def ts_query(query):
    """``query`` as a tsquery: phrases in quotes, every other word required."""
    config = search_config()
    phrases = [phrase.strip() for phrase in PHRASE.findall(query) if phrase.strip()]
    words = PHRASE.sub(" ", query).replace('"', " ").strip()
    parts = [
        SearchQuery(phrase, search_type="phrase", config=config) for phrase in phrases
    ]
    if words:
        parts.append(SearchQuery(words, search_type="plain", config=config))
    combined = parts[0]
    for part in parts[1:]:
        combined &= part
    return combined, " ".join([*phrases, words])


def _filtered(documents, filters):
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


class RankedResults:
    """
    Matching live pages of ``model``, best first, read a slice at a time:
    ``results[start:stop]`` costs one statement for the ids and the total,
    and one for the pages. Each page carries ``search_total``, as the
    database backends' results do (see ``search.query.fetch_page``).
    """

    def __init__(self, pages, page_type, query, filters=None):
        self.pages = pages
        self.page_type = page_type
        self.query = query
        self.filters = filters
        self._total = None

    def _matches(self, tsquery):
        documents = DeliveryDocument.objects.filter(
            Q(expire_at__isnull=True) | Q(expire_at__gt=timezone.now()),
            page_type=self.page_type,
            search_vector=tsquery,
        )
        if self.filters:
            documents = _filtered(documents, self.filters)
        return documents

    def _documents(self):
        tsquery, words = ts_query(self.query)
        config = search_config()
        documents = self._matches(tsquery)
        lead = SearchRank(F("rank_vector"), tsquery)
        # What one mention of each query word in the body is worth.
        body = SearchRank(
            SearchVector(Value(words), config=config, weight="C"), tsquery
        )
        score = Case(
            When(rank_vector=tsquery, then=lead),
            default=Coalesce(lead, Value(0.0)) + body,
        )
        return documents.annotate(
            score=score, search_total=Window(Count("page_id"))
        ).order_by("-score", F("sort_date").desc(nulls_last=True), "-page_id")

    def _slice(self, start, stop):
        rows = list(
            self._documents().values_list("page_id", "search_total")[start:stop]
        )
        if not rows:
            return []
        self._total = rows[0][1]
        by_id = self.pages.in_bulk([page_id for page_id, _ in rows])
        found = []
        for page_id, total in rows:
            page = by_id.get(page_id)
            if page is not None:
                page.search_total = total
                found.append(page)
        return found

    def __getitem__(self, item):
        if not isinstance(item, slice) or item.step is not None:
            raise TypeError("Search results are read in slices.")
        start = item.start or 0
        return self._slice(start, item.stop)

    def __iter__(self):
        return iter(self._slice(0, None))

    def count(self):
        if self._total is None:
            self._total = self._matches(ts_query(self.query)[0]).count()
        return self._total
