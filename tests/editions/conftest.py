"""Fixtures for the newsroom's editions: an English article and its Arabic translation."""

import pytest
from wagtail.models import Locale

from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs

ARABIC_TITLE = "النظام السوري يسعى إلى دعم إقليمي مع تقدم المعارضة"
ARABIC_STANDFIRST = "دمشق تطلب المساعدة من جيرانها بينما تتقدّم قوات المعارضة في الشمال."
ARABIC_BODY = "قالت مصادر دبلوماسية إن الحكومة أرسلت مبعوثين إلى عواصم المنطقة."


def translate(page, language_code, *, user=None, publish=True, **fields):
    """
    ``page`` copied into the edition ``language_code`` as the admin's
    "Translate" does (parents copied as needed), its fields replaced by
    ``fields``, saved as a revision by ``user`` and published unless
    ``publish=False``.
    """
    locale, _created = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    revision = translation.save_revision(user=user)
    if publish:
        revision.publish()
        translation.refresh_from_db()
    return translation


@pytest.fixture
def arabic(db):
    return Locale.objects.get_or_create(language_code="ar")[0]


@pytest.fixture
def english_article(newsroom, publish):
    with publish():
        author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
        return ArticlePageFactory(
            parent=newsroom.news,
            title="Syrian Regime Seeks Regional Support",
            slug="syrian-regime-seeks-regional-support",
            standfirst="Damascus asks its neighbours for help.",
            authors=[author],
        )


@pytest.fixture
def arabic_article(english_article, arabic, publish):
    with publish():
        return translate(
            english_article,
            "ar",
            title=ARABIC_TITLE,
            standfirst=ARABIC_STANDFIRST,
            body=paragraphs(ARABIC_BODY),
        )
