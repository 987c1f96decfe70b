"""
Relevance: for each query the right story comes back, and comes first.

Both databases search the entries stored with the Delivery API's documents
(``search.entries``): weighted headline, standfirst, body and byline, and
stemmed, on SQLite as on PostgreSQL.
"""

from search.query import search_articles, search_authors


def titles(results):
    return [page.title for page in results]


def ids(results):
    return [page.pk for page in results]


def test_headline_match_beats_body_match(corpus):
    found = ids(search_articles("drought"))

    assert found == [corpus["drought_title"].pk, corpus["drought_body"].pk]


def test_standfirst_match_beats_body_match(corpus):
    found = ids(search_articles("ceasefire"))

    assert found == [corpus["ceasefire_standfirst"].pk, corpus["ceasefire_body"].pk]


def test_author_surname_finds_their_articles(corpus):
    by_sofia = {
        page.pk
        for name, page in corpus.items()
        if name != "sofia" and getattr(page, "authors", None)
        if corpus["sofia"] in page.authors
    }

    found = set(ids(search_articles("nawab")))

    assert found == by_sofia


def test_author_surname_finds_the_author_bio(corpus):
    assert titles(search_authors("nawab")) == ["Sofia Nawab"]


def test_body_mention_beats_byline(corpus):
    found = ids(search_articles("haddad"))

    assert found[0] == corpus["haddad_body"].pk
    assert len(found) == 6  # the story about the bakery and Karim Haddad's five


def test_quoted_phrase_finds_only_the_exact_phrase(corpus):
    assert ids(search_articles('"border crossing"')) == [corpus["phrase"].pk]


def test_unquoted_words_may_be_scattered(corpus):
    found = set(ids(search_articles("border crossing")))

    assert found == {corpus["phrase"].pk, corpus["scattered"].pk}


def test_phrase_and_word_together_must_both_match(corpus):
    assert ids(search_articles('"border crossing" sunday')) == [corpus["phrase"].pk]
    assert ids(search_articles('"border crossing" desert')) == []


def test_every_word_must_match(corpus):
    assert ids(search_articles("drought currency")) == [corpus["drought_body"].pk]


def test_plural_finds_singular(corpus):
    assert ids(search_articles("elections")) == [corpus["election"].pk]


def test_prefix_finds_headline_while_typing(corpus):
    assert ids(search_articles("damas", prefix=True)) == [corpus["damascus"].pk]


def test_prefix_needs_prefix_mode(corpus):
    assert ids(search_articles("damas")) == []


def test_prefix_finds_author_name_while_typing(corpus):
    assert titles(search_authors("naw", prefix=True)) == ["Sofia Nawab"]
    assert corpus["damascus"].pk in ids(search_articles("sofia naw", prefix=True))


def test_topic_name_finds_filed_articles(corpus):
    found = set(ids(search_articles("diplomacy")))

    assert found == {corpus["ceasefire_standfirst"].pk}


def test_colon_is_punctuation_not_a_filter(corpus):
    assert ids(search_articles("Damascus: normalisation")) == [corpus["damascus"].pk]
