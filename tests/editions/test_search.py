"""
Arabic readers find what they type: with or without vowel marks, whichever
alef, taa marbuta or alef maqsura spelling, in their own edition only.
"""

import pytest
from django.db import connection

from search.languages import fold
from tests.factories import ArticlePageFactory, paragraphs

from .conftest import translate

pytestmark = pytest.mark.django_db

SEARCH = "/api/v1/search/"
# Written with full vowel marks, hamza on the alef, taa marbuta, alef maqsura.
VOCALISED_BODY = "وَصَلَ أَحْمَدُ إِلَى مَدِينَةِ حَلَب صَبَاحَ الجُمُعَة."


@pytest.fixture
def aleppo(newsroom, arabic, publish):
    with publish():
        english = ArticlePageFactory(
            parent=newsroom.news,
            title="Ahmad reaches Aleppo",
            slug="ahmad-reaches-aleppo",
            body=paragraphs("Ahmad reached the city of Aleppo on Friday morning."),
        )
        return translate(
            english,
            "ar",
            title="أحمد يصل إلى حلب",
            standfirst="رحلة طويلة عبر الشمال.",
            body=paragraphs(VOCALISED_BODY),
        )


def _ids(client, q, locale="ar"):
    params = {"q": q} | ({"locale": locale} if locale else {})
    response = client.get(SEARCH, params)
    return [hit["id"] for hit in response.json()["results"]]


def test_folding_removes_vowel_marks_and_unifies_letter_variants():
    assert fold("مَدِينَةِ") == "مدينه"
    assert fold("أحمد إلى آمال ٱلقدس") == "احمد الي امال القدس"
    assert fold("Élections in Syria") == "Élections in Syria"


@pytest.mark.parametrize(
    "q",
    [
        "مدينة",  # without vowel marks
        "مَدِينَةِ",  # with them
        "مدينه",  # taa marbuta typed as haa
        "احمد",  # bare alef
        "إحمد",  # alef with hamza below
        "أَحْمَد",  # hamza above, vowelled
        "صباح",
    ],
)
def test_arabic_search_finds_every_spelling(client, aleppo, q):
    assert _ids(client, q) == [aleppo.pk]


def test_arabic_search_reads_only_the_arabic_edition(client, aleppo):
    assert _ids(client, "Aleppo", locale="ar") == []
    english = _ids(client, "Aleppo", locale=None)
    assert english and aleppo.pk not in english
    assert _ids(client, "حلب", locale=None) == []


def test_arabic_snippet_marks_the_word_as_written(client, aleppo):
    hit = client.get(SEARCH, {"q": "مدينة", "locale": "ar"}).json()["results"][0]

    assert "<mark>مَدِينَةِ</mark>" in hit["snippet"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's arabic configuration"
)
@pytest.mark.parametrize("q", ["وحلب", "بمدينة", "صباحا"])
def test_postgresql_stems_arabic_with_its_arabic_configuration(client, aleppo, q):
    """Prefixes (wa-, bi-) and endings come off as the arabic stemmer says."""
    from cms.publishing.models import DeliveryDocument

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT search_vector @@ plainto_tsquery('arabic', %s), "
            "search_vector @@ plainto_tsquery('english', %s) "
            "FROM delivery_deliverydocument WHERE page_id = %s",
            [fold(q), fold(q), aleppo.pk],
        )
        assert cursor.fetchone() == (True, False)
    assert _ids(client, q) == [aleppo.pk]
    assert DeliveryDocument.objects.get(pk=aleppo.pk).locale == "ar"
