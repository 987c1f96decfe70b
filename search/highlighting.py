"""
Search snippets: an excerpt of a story around the words a query matched,
escaped, with those words in ``<mark>``.

Words match as the search matched them: stemmed as PostgreSQL's English
configuration stems (Snowball), stop words left unmarked, a quoted phrase
only as a whole, and in prefix mode the last word as the start of a word.
Each distinct word of a text is stemmed once, and only as much of a long
story is read as the excerpt needs. Arabic words are folded as search folds
them (``search.languages``) and stemmed with the Arabic Snowball stemmer, so
a query typed without vowel marks marks the word written with them; the
mark wraps the word as written.
"""

import re
from functools import lru_cache
from html import escape  # Django's, less its lazy-text check and SafeString

import snowballstemmer
from django.conf import settings

from .languages import ARABIC_MARKS, fold

SNIPPET_LENGTH = 240
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
# A word, with the Arabic vowel marks and tatweel inside it (not letters to \w).
WORD = re.compile(r"[\w\u064b-\u065f\u0670\u0640]+")
ARABIC = re.compile("[\u0600-\u06ff]")
# Words whose answer each query's matcher remembers (see ``_matcher``).
MATCHER_MEMORY = 1_000


@lru_cache(maxsize=1)
def _stemmer():
    """The Snowball stemmer PostgreSQL's ``SEARCH_CONFIG`` uses, so marks agree."""
    config = settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG")
    if config not in snowballstemmer.algorithms():
        config = "english"
    return snowballstemmer.stemmer(config)


@lru_cache(maxsize=1)
def _arabic_stemmer():
    return snowballstemmer.stemmer("arabic")


@lru_cache(maxsize=100_000)
def _stem(word):
    # Snippets stem every word of an article's text, in pure Python; a
    # newsroom's vocabulary is small, so each word is stemmed once per process.
    if ARABIC.search(word):
        # The stemmer reads the letters as written (taa marbuta is an
        # ending it removes); the stem is folded as search folds words.
        return fold(_arabic_stemmer().stemWord(ARABIC_MARKS.sub("", word)))
    return _stemmer().stemWord(word.lower())


def _folded(word):
    """``word`` lowercased, and folded when it is not plain ASCII."""
    word = word.lower()
    return word if word.isascii() else fold(word)


def _terms(query, prefix):
    """The stems to mark, and the prefix the last word may start with."""
    words = [word.lower() for word in WORD.findall(query)]
    start = None
    if prefix and words:
        start = _folded(words.pop())
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
    if ARABIC_MARKS.search(text) or any(ARABIC.search(start) for start in starts):
        # Vowel marks may sit inside any word: no start is looked for
        # literally, every word is folded and stemmed until one matches.
        return next((m for m in WORD.finditer(text) if matches(m.group())), None)
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
                start_of_word is not None and _folded(lowered).startswith(start_of_word)
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
