"""The site's search page: the same search, with filters in a form."""

from http import HTTPStatus

from tests.factories import ArticlePageFactory


def page(client, **params):
    response = client.get("/search/", params)
    assert response.status_code == HTTPStatus.OK
    return response.content.decode()


def test_results_show_a_marked_excerpt(client, corpus):
    html = page(client, query="wells")

    assert "Drought grips the Euphrates valley" in html
    assert "<mark>Wells</mark> have run dry" in html


def test_topic_and_author_filters_narrow_the_articles(client, corpus):
    html = page(client, query="nawab", topic="syria", author="sofia-nawab")

    assert "Talks resume in Geneva" in html
    assert "Parliament sets a date" not in html  # filed under Iraq


def test_a_bad_date_is_reported_and_the_words_still_searched(client, corpus):
    html = page(client, query="drought", published_after="not a date")

    assert "Enter a valid date" in html
    assert "Drought grips the Euphrates valley" in html


def test_an_unfinished_word_falls_back_to_words_that_begin_with_it(client, corpus):
    html = page(client, query="damas")

    assert "words that begin with" in html
    assert "Gulf States Weigh the Cost of Normalisation with Damascus" in html


def test_query_text_is_escaped_on_the_page(client, corpus):
    html = page(client, query="<script>alert(1)</script>")

    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;" in html


def test_page_past_the_end_shows_the_last_page(client, newsroom, rebuild):
    for number in range(12):
        ArticlePageFactory(parent=newsroom.news, title=f"Harbour {number}")
    rebuild()

    html = page(client, query="harbour", page="9")

    assert "Page 2 of 2" in html
    assert html.count('class="card"') == 2
