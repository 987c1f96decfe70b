"""Snippets stay cheap on long articles: each distinct word is stemmed once."""

from search import query


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
