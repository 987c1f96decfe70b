"""
The editor says which translations are out of date with their source: on the
translation (with the source's changes since one click away) and on the source.
"""

import pytest
from django.urls import reverse

from blog.translations import out_of_date, stale_translations
from tests.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

ON_TRANSLATION = "This translation is out of date"
ON_SOURCE = "Translations out of date with this page"


def _edit_page(client, user, page):
    assert client.login(username=user.username, password=TEST_PASSWORD)
    return client.get(
        reverse("wagtailadmin_pages:edit", args=[page.pk])
    ).content.decode()


def test_a_fresh_translation_is_not_out_of_date(
    client, editor, english_article, arabic_article
):
    assert out_of_date(arabic_article) is None
    assert stale_translations(english_article) == []
    assert ON_TRANSLATION not in _edit_page(client, editor, arabic_article)
    assert ON_SOURCE not in _edit_page(client, editor, english_article)


def test_a_change_to_the_source_puts_its_translation_out_of_date(
    client, editor, english_article, arabic_article
):
    english_article.standfirst = "Damascus asks its neighbours, and Moscow, for help."
    english_article.save_revision(user=editor)

    stale = out_of_date(arabic_article)
    assert stale is not None and stale.source.pk == english_article.pk
    assert [s.translation.pk for s in stale_translations(english_article)] == [
        arabic_article.pk
    ]

    translation_page = _edit_page(client, editor, arabic_article)
    assert ON_TRANSLATION in translation_page
    assert "English source changed" in translation_page
    compare = stale.compare_url()
    assert compare and compare in translation_page
    changes = client.get(compare)
    assert "and Moscow" in changes.content.decode()

    source_page = _edit_page(client, editor, english_article)
    assert ON_SOURCE in source_page
    assert reverse("wagtailadmin_pages:edit", args=[arabic_article.pk]) in source_page


def test_revising_the_translation_brings_it_up_to_date(
    client, editor, english_article, arabic_article
):
    english_article.save_revision(user=editor)
    assert out_of_date(arabic_article) is not None

    arabic_article.save_revision(user=editor)

    assert out_of_date(arabic_article) is None
    assert ON_TRANSLATION not in _edit_page(client, editor, arabic_article)
