"""Snippets: safe HTML with <mark> around the words that matched, as the search matched them."""

import pytest

from search.highlighting import _stem, highlight, story_snippet


def test_markup_in_the_text_is_escaped_and_only_mark_is_added():
    snippet = highlight('The <script>alert("x")</script> tag & friends', "script")

    assert snippet == (
        "The &lt;<mark>script</mark>&gt;alert(&quot;x&quot;)&lt;/<mark>script</mark>"
        "&gt; tag &amp; friends"
    )


def test_markup_in_the_query_cannot_open_a_tag():
    snippet = highlight("Plain words only.", '<img src=x onerror="alert(1)">')

    assert "<img" not in snippet
    assert snippet == "Plain words only."


def test_words_with_the_same_stem_are_marked():
    snippet = highlight("The election commission met.", "elections")

    assert snippet == "The <mark>election</mark> commission met."


def test_stop_words_are_not_marked():
    snippet = highlight("The state of the union", "the union")

    assert snippet == "The state of the <mark>union</mark>"


def test_prefix_mode_marks_the_word_being_typed():
    snippet = highlight("Normalisation with Damascus", "damas", prefix=True)

    assert snippet == "Normalisation with <mark>Damascus</mark>"


def test_phrase_words_are_marked():
    snippet = highlight("The border crossing reopened.", '"border crossing"')

    assert snippet == "The <mark>border</mark> <mark>crossing</mark> reopened."


def test_long_text_is_cut_around_the_first_match_at_word_boundaries():
    text = " ".join(["filler"] * 100) + " the drought began " + " ".join(["tail"] * 100)

    snippet = highlight(text, "drought", length=60)

    assert snippet.startswith("…filler")
    assert snippet.endswith("…")
    assert "<mark>drought</mark>" in snippet
    assert "fille " not in snippet
    assert len(snippet) < 60 + len("<mark></mark>") + 2


def test_the_tail_of_a_long_story_is_never_stemmed(monkeypatch):
    from search import highlighting as query

    real = query._stemmer()
    stemmed = []

    class CountingStemmer:
        def stemWord(self, word):
            stemmed.append(word)
            return real.stemWord(word)

    monkeypatch.setattr(query, "_stemmer", CountingStemmer)
    query._stem.cache_clear()
    text = "The ceasefire held. " + " ".join(f"tail{n}" for n in range(5000))

    snippet = query.highlight(text, "ceasefire")

    assert snippet.startswith("The <mark>ceasefire</mark> held.")
    assert len(stemmed) < 60


@pytest.mark.parametrize(
    ("query", "word"),
    [
        ("happy", "happiness"),
        ("happiness", "happy"),
        ("skies", "sky"),
        ("sky", "skies"),
        ("dying", "die"),
        ("die", "dying"),
        ("elections", "elected"),
        ("ceasefire", "ceasefires"),
    ],
)
def test_a_match_deep_in_the_story_is_found_whatever_the_stemmer_changed(query, word):
    filler = "Nothing to see in this sentence at all. " * 200
    text = f"{filler}Then {word} at last."

    assert _stem(query) == _stem(word)  # the same word to the search

    assert f"<mark>{word}</mark>" in highlight(text, query)


@pytest.mark.parametrize(
    ("text", "query", "snippet"),
    [
        # The Kelvin sign lowercases to "k": both ways of ignoring case agree.
        ("The \u212aelvin scale", "kelvin", "The <mark>\u212aelvin</mark> scale"),
        # Dotless i and long s: the case-blind pattern's own exceptions.
        (
            "Gül K\u0131l\u0131ç and the \u017ftate",
            "kilic state",
            "Gül K\u0131l\u0131ç and the \u017ftate",
        ),
        ("İstanbul votes", "istanbul", "İstanbul votes"),
        ("Café owners in Beyoğlu", "café", "<mark>Café</mark> owners in Beyoğlu"),
        (
            "it\u2019s the CEASEFIRE\u2019s day",
            "ceasefire",
            "it\u2019s the <mark>CEASEFIRE</mark>\u2019s day",
        ),
    ],
)
def test_case_is_ignored_as_the_search_pattern_ignores_it(text, query, snippet):
    assert highlight(text, query) == snippet


@pytest.mark.parametrize("length", [1, 5, 20, 60, 240])
@pytest.mark.parametrize("where", [0, 30, 55, 58, 61, 90, 400])
def test_whitespace_runs_read_as_one_space_wherever_the_excerpt_ends(length, where):
    words = [f"w{n}" for n in range(500)]
    words[where] = "ceasefire"
    spaced = "\n\n ".join(" \t ".join(words[n : n + 3]) for n in range(0, 500, 3))

    assert highlight(spaced, "ceasefire", length) == highlight(
        " ".join(words), "ceasefire", length
    )


def test_a_story_matched_in_its_body_is_quoted_around_the_match():
    body = "Opening words. " * 40 + "Then the ceasefire held."

    snippet = story_snippet("Talks in Geneva", body, "ceasefire")

    assert snippet.startswith("…")
    assert "<mark>ceasefire</mark> held." in snippet


def test_a_story_matched_only_by_its_headline_shows_headline_and_opening():
    body = "Delegations arrived on Monday. " * 40

    snippet = story_snippet("Ceasefire talks resume", body, "ceasefire")

    assert snippet.startswith("<mark>Ceasefire</mark> talks resume. Delegations")
    assert snippet.endswith("…")


def test_a_query_remembers_only_a_bounded_number_of_words(monkeypatch):
    from search import highlighting as query

    monkeypatch.setattr(query, "MATCHER_MEMORY", 10)
    query._matcher.cache_clear()
    text = " ".join(f"word{n}" for n in range(500)) + " ceasefire"

    highlight(text, "ceasefire")

    _starts, _pattern, matches = query._matcher("ceasefire", False)
    cells = zip(matches.__code__.co_freevars, matches.__closure__, strict=True)
    remembered = {name: cell.cell_contents for name, cell in cells}["answers"]
    assert 0 < len(remembered) <= 10
