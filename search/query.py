"""
One search path for the HTML site and the Delivery API: live, public articles
and author bios, ranked by the configured Wagtail search backend.

Queries are parsed with Wagtail's own parser, so ``"exact phrase"`` in quotes
is a phrase and the other words must all match, stemmed (``elections`` finds
"election"). Prefix mode is for search-as-you-type: the last word may be the
start of a word (``damas`` finds "Damascus"), matched against headlines,
author names and topics only, as Wagtail's autocomplete does.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from html import escape  # Django's, less its lazy-text check and SafeString

import snowballstemmer
from django.conf import settings
from django.db.models import Count, Q, Window
from django.utils import timezone
from wagtail.search.backends import get_search_backend
from wagtail.search.utils import parse_query_string

from blog.models import ArticleAuthor, ArticlePage, ArticleTopic, AuthorPage
from cms.publishing.links import PageLinks

from .entries import author_text
from .stored import Hit, stored_results

MAX_QUERY_LENGTH = 200
SNIPPET_LENGTH = 240
# Body blocks whose text can be read without touching the database; images,
# embeds and related-article cards would each cost a query per result.
SNIPPET_BLOCKS = ("paragraph", "heading", "pull_quote", "callout")
# Words PostgreSQL's English configuration ignores; marking every "the" in a
# snippet would hide the words that matched.
STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "are",
        "as",
        "at",
        "be",
        "but",
        "by",
        "for",
        "from",
        "has",
        "have",
        "in",
        "into",
        "is",
        "it",
        "its",
        "of",
        "on",
        "or",
        "that",
        "the",
        "this",
        "to",
        "was",
        "were",
        "will",
        "with",
    ]
)
WORD = re.compile(r"\w+")
# Words whose answer each query's matcher remembers (see ``_matcher``).
MATCHER_MEMORY = 1_000


def normalise_query(raw):
    """Trim and bound a user's query; an empty result means "no search"."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


@dataclass(frozen=True)
class SearchFilters:
    """
    Narrowing that applies to articles. Each entry of ``topics`` is a set of
    alternative topic slugs (OR); every entry must match (AND), as on the
    article list. ``author`` is an author page id or slug.
    """

    topics: tuple[tuple[str, ...], ...] = ()
    author: int | str | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None

    def __bool__(self):
        return bool(
            self.topics
            or self.author is not None
            or self.published_after
            or self.published_before
        )


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


def _filtered(queryset, filters):
    """
    Apply ``filters`` through ``id`` subqueries: they never duplicate a row,
    the database backends keep them in the same SQL statement, and the
    Elasticsearch and OpenSearch backends turn them into id lists.
    """
    if filters.author is not None:
        links = ArticleAuthor.objects.filter(
            **(
                {"author_id": filters.author}
                if isinstance(filters.author, int)
                else {"author__slug": filters.author}
            )
        )
        queryset = queryset.filter(id__in=links.values("page_id"))
    for alternatives in filters.topics:
        tagged = ArticleTopic.objects.filter(tag__slug__in=alternatives)
        queryset = queryset.filter(id__in=tagged.values("content_object_id"))
    if filters.published_after:
        after = filters.published_after
        queryset = queryset.filter(
            Q(display_date__gte=after)
            | Q(display_date__isnull=True, first_published_at__gte=after)
        )
    if filters.published_before:
        before = filters.published_before
        queryset = queryset.filter(
            Q(display_date__lte=before)
            | Q(display_date__isnull=True, first_published_at__lte=before)
        )
    return queryset


def _counts_in_sql():
    """
    True when the default backend searches in the database, where a window
    count on the page's own query saves a second full-text scan for ``count``.
    """
    return get_search_backend().__class__.__module__.startswith(
        ("modelsearch.backends.database", "wagtail.search.backends.database")
    )


def _run(queryset, query, prefix):
    if _counts_in_sql():
        queryset = queryset.annotate(search_total=Window(Count("pk")))
    if prefix:
        return queryset.autocomplete(_words(query), operator="and")
    return queryset.search(parse_search(query), operator="and")


def _words(query):
    """The query's words without quotes, for prefix search (no phrases there)."""
    return " ".join(query.replace('"', " ").split())


def _stored(page_type, query, filters=None, *, prefix=False, pages=None):
    """
    With the database backend, full-text search runs over the entries stored
    with the Delivery API's documents (``search.stored``); prefix search
    stays with Wagtail's autocomplete index, as do the cluster backends.
    """
    if prefix or not _counts_in_sql():
        return None
    return stored_results(page_type, query, filters, pages)


def search_articles(query, filters=SearchFilters(), *, prefix=False, listing=False):
    """
    Matching live articles, best first; with ``listing``, each comes with
    what an article card shows (hero image, byline, topics) prefetched.
    """
    queryset = _visible(ArticlePage.objects)
    if listing:
        queryset = queryset.with_listing_relations()
    stored = _stored("article", query, filters, prefix=prefix, pages=queryset)
    if stored is not None:
        return stored
    return _run(_filtered(queryset, filters), query, prefix)


def search_authors(query, *, prefix=False):
    """Matching live author bios, best first."""
    queryset = _visible(AuthorPage.objects)
    stored = _stored("author", query, prefix=prefix, pages=queryset)
    if stored is not None:
        return stored
    return _run(queryset, query, prefix)


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


def article_hits(query, filters=SearchFilters(), *, prefix=False):
    """
    Matching live articles as ``Hit``s, best first. From the stored entries
    they are read from the documents alone: no page is loaded, and no view
    restriction is looked up (documents exist only for public pages).
    """
    stored = _stored("article", query, filters, prefix=prefix)
    if stored is not None:
        return stored
    return PageHits(search_articles(query, filters, prefix=prefix), article_text)


def author_hits(query, *, prefix=False):
    """Matching live author bios as ``Hit``s, best first (see ``article_hits``)."""
    stored = _stored("author", query, prefix=prefix)
    if stored is not None:
        return stored
    return PageHits(search_authors(query, prefix=prefix), author_text)


def fetch_page(results, start, stop):
    """
    ``results[start:stop]`` as a list, with the total number of results.

    The total comes with the rows (a window count) on the database backends,
    from the rows themselves when the page is the last one, and from a
    separate count only when neither can tell.
    """
    rows = list(results[start:stop]) if stop > start else []
    if rows and getattr(rows[0], "search_total", None) is not None:
        return rows, rows[0].search_total
    if len(rows) < stop - start and (rows or start == 0):
        return rows, start + len(rows)
    return rows, results.count()


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


@lru_cache(maxsize=1)
def _stemmer():
    """The Snowball stemmer PostgreSQL's ``SEARCH_CONFIG`` uses, so marks agree."""
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    if config not in snowballstemmer.algorithms():
        config = "english"
    return snowballstemmer.stemmer(config)


@lru_cache(maxsize=100_000)
def _stem(word):
    # Snippets stem every word of an article's text, in pure Python; a
    # newsroom's vocabulary is small, so each word is stemmed once per process.
    return _stemmer().stemWord(word.lower())


def _terms(query, prefix):
    """The stems to mark, and the prefix the last word may start with."""
    words = [word.lower() for word in WORD.findall(query)]
    start = None
    if prefix and words:
        start = words.pop()
    stems = {_stem(word) for word in words if word not in STOP_WORDS}
    return stems, start


@lru_cache(maxsize=256)
def _candidates(stems, start_of_word):
    """
    The beginnings of the words that may match, and a pattern for those
    words: words beginning like a stem less its last letter, which the
    stemmer may have changed ("happi" comes from "happy"), or, for a short
    stem, with its first letter (the stemmer's exceptions: "die" from
    "dying"); or like the typed prefix. The stemmer decides; this only keeps
    it from stemming every word before a match deep in a story.
    """
    starts = {stem[:-1] if len(stem) > 3 else stem[:1] for stem in stems}
    if start_of_word:
        starts.add(start_of_word)
    starts.discard("")
    if not starts:
        return (), re.compile(r"(?!x)x")  # matches nothing
    alternatives = "|".join(sorted(map(re.escape, starts), key=len, reverse=True))
    return tuple(starts), re.compile(rf"\b(?:{alternatives})\w*", re.IGNORECASE)


# Characters that a regular expression ignoring case equates with an ASCII
# letter although ``str.lower()`` does not: dotted capital I, dotless i and
# long s.
CASE_EXCEPTIONS = ("\u0130", "\u0131", "\u017f")


def _first_candidate(text, starts, pattern, matches):
    """
    The first word of ``text`` that ``pattern`` finds and that ``matches``.

    Where ignoring case is plain lowercasing (the starts are ASCII, and the
    text has none of ``CASE_EXCEPTIONS``), each start is looked for with
    ``str.find`` in the lowercased text instead: the pattern tests for a
    word boundary at every character, and on a story where only the
    headline matched it read the whole body that way.
    """
    if not all(start.isascii() for start in starts) or (
        not text.isascii() and any(character in text for character in CASE_EXCEPTIONS)
    ):
        return next((m for m in pattern.finditer(text) if matches(m.group())), None)
    lowered = text.lower()
    first = None
    for start in starts:
        position = lowered.find(start)
        while position != -1 and (first is None or position < first.start()):
            # The pattern's \b: a start counts only at the beginning of a word.
            if not (position and WORD.match(text, position - 1)):
                word = WORD.match(text, position)
                if matches(word.group()):
                    first = word
                    break
            position = lowered.find(start, position + 1)
    return first


@lru_cache(maxsize=64)
def _matcher(query, prefix):
    """
    What finds and marks ``query``'s words in a text: the starts and the
    pattern of ``_candidates``, and whether a word matches. Built once per
    query, not once per result.
    """
    stems, start_of_word = _terms(query, prefix)
    # Every word of every result's excerpt is looked at: remember the
    # answers, at most MATCHER_MEMORY of them for each of the latest queries.
    answers = {}

    def matches(word):
        answer = answers.get(word)
        if answer is None:
            if len(answers) >= MATCHER_MEMORY:
                answers.clear()
            lowered = word.lower()
            answer = answers[word] = (
                start_of_word is not None and lowered.startswith(start_of_word)
            ) or (lowered not in STOP_WORDS and _stem(lowered) in stems)
        return answer

    starts, pattern = _candidates(frozenset(stems), start_of_word)
    return starts, pattern, matches


def highlight(text, query, length=SNIPPET_LENGTH, *, prefix=False):
    """
    A short excerpt of ``text`` around the first matching word, as safe HTML:
    the text is escaped and only ``<mark>`` is added, around every word that
    matches a query word the way the search does (same stem; in prefix mode,
    the last word's beginning). Runs of whitespace read as one space.
    """
    return _highlight(text or "", length, _matcher(query, prefix))


def story_snippet(title, text, query, *, prefix=False):
    """
    An article's snippet: an excerpt of its story (``text``) around the
    first match; when nothing in the story is marked (the headline or the
    byline matched), the headline and the story's opening.
    """
    text = text or ""
    matcher = _matcher(query, prefix)
    snippet = _highlight(text, SNIPPET_LENGTH, matcher, unmatched=False)
    if snippet is None or "<mark>" not in snippet:
        # The opening is all the excerpt shows: the rest need not be read.
        opening = text[: SNIPPET_LENGTH * 2]
        snippet = _highlight(f"{title}. {opening}", SNIPPET_LENGTH, matcher)
    return snippet


def _highlight(text, length, matcher, *, unmatched=True):
    """
    ``highlight`` with the query's ``_matcher``; when the text has no match
    and not ``unmatched``, None instead of an excerpt without marks.
    """
    starts, pattern, matches = matcher
    # Only words that could match are stemmed on the way to the first match
    # (see ``_candidates``), and a long story's tail is never looked at: the
    # excerpt ends within two lengths of the first match, so whitespace is
    # collapsed only that far (collapsing leaves the words as they were).
    first = _first_candidate(text, starts, pattern, matches)
    if first is None and not unmatched:
        return None
    reach = (first.end() if first is not None else 0) + 2 * length
    if reach < len(text):
        opening = " ".join(text[:reach].split())
        snippet = _excerpt(opening, length, starts, pattern, matches, whole=False)
        if snippet is not None:
            return snippet
    whole = " ".join(text.split())
    return _excerpt(whole, length, starts, pattern, matches, whole=True)


def _excerpt(text, length, starts, pattern, matches, *, whole):
    """
    The excerpt of ``highlight`` from ``text``, with whitespace collapsed.
    Given only the text's opening (not ``whole``), None when the excerpt
    might reach the end of the opening, where the whole text could differ.
    """
    first = _first_candidate(text, starts, pattern, matches)
    start = 0
    if first is not None and first.start() > length // 3:
        start = first.start() - length // 3
        # Begin the excerpt at a word, not inside one.
        space = text.find(" ", start)
        start = space + 1 if 0 <= space < first.start() else first.start()
    if not whole and max(start + length, first.end() if first else 0) >= len(text):
        return None
    end = min(len(text), start + length)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start else end
    found = []
    if first is not None:
        found = [m for m in WORD.finditer(text, start, end) if matches(m.group())]
    pieces = ["…"] if start else []
    position = start
    for match in found:
        if match.start() < start:
            continue
        if match.end() > end:
            break
        pieces.append(escape(text[position : match.start()]))
        pieces.append(f"<mark>{escape(match.group())}</mark>")
        position = match.end()
    pieces.append(escape(text[position:end]))
    if end < len(text):
        pieces.append("…")
    return "".join(pieces)
