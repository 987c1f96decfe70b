"""
Snippets stay cheap on long articles: each distinct word is stemmed once,
and only the opening of a story is read when the match is in its headline.
"""

import re
import string
import sys

from search import highlighting as query


def test_highlighting_a_long_article_stems_each_distinct_word_once(monkeypatch):
    real = query._stemmer()
    stemmed = []

    class CountingStemmer:
        def stemWord(self, word):
            stemmed.append(word)
            return real.stemWord(word)

    monkeypatch.setattr(query, "_stemmer", CountingStemmer)
    text = "Ministers discussed the ceasefire talks in Damascus. " * 500
    snippet = query.highlight(text, "ceasefire")
    assert "<mark>ceasefire</mark>" in snippet
    distinct = {word.lower() for word in query.WORD.findall(text)}
    assert len(stemmed) <= len(distinct) + 1


def test_lowercasing_ignores_case_as_the_pattern_does_but_for_the_exceptions():
    """
    The premise of ``_first_candidate``'s ``str.find``: for the letters,
    digits and underscore a start is made of, a case-blind regular
    expression matches a character exactly when the character lowercases to
    it, one character for one, except for ``CASE_EXCEPTIONS``.
    """
    ascii_word = string.ascii_lowercase + string.digits + "_"
    everything = "".join(chr(code) for code in range(sys.maxunicode + 1))
    blind = set(re.findall(f"[{ascii_word}]", everything, re.IGNORECASE))
    lowered = {
        character
        for character in everything
        if len(character.lower()) == 1 and character.lower() in ascii_word
    }
    exceptions = set(query.CASE_EXCEPTIONS)

    assert {c for c in everything if len(c.lower()) != 1} <= exceptions
    assert blind - exceptions == lowered - exceptions
    for character in (blind | lowered) - exceptions:
        for letter in ascii_word:
            assert bool(re.fullmatch(letter, character, re.IGNORECASE)) == (
                character.lower() == letter
            )


def test_a_headline_only_match_does_not_collapse_the_whole_story(monkeypatch):
    text = "Opening words. " + "Body text without the word.\n\n" * 2000
    collapsed = []
    excerpt = query._excerpt

    def recording(text, *args, **kwargs):
        collapsed.append(len(text))
        return excerpt(text, *args, **kwargs)

    monkeypatch.setattr(query, "_excerpt", recording)
    snippet = query.highlight(text, "ceasefire")

    assert snippet.startswith("Opening words. Body text")
    assert "<mark>" not in snippet
    assert len(collapsed) == 1
    assert collapsed[0] <= 2 * query.SNIPPET_LENGTH
