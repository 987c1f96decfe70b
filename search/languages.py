"""
What search does differently per language: the PostgreSQL text search
configuration an edition is stemmed with, and the spelling variants folded
before anything is indexed or looked up.

Arabic is written with optional short vowels and several spellings of the
same letter: a reader types ``مدينة`` for ``مَدِينَة`` and ``احمد`` for
``أحمد``. ``fold`` removes the vowel marks (tashkeel) and the stretching
tatweel, writes every alef form (``أ إ آ ٱ``) as a bare ``ا``, taa marbuta
``ة`` as ``ه`` and alef maqsura ``ى`` as ``ي``. Indexed text and queries
are folded alike, on both databases, so either spelling finds the other.
Text in other scripts passes through unchanged.
"""  # noqa: RUF002

import re

from django.conf import settings
from django.utils.translation import get_language_info

# Fathatan to sukun, the Quranic marks after them, the superscript alef, tatweel.
ARABIC_MARKS = re.compile("[\u064b-\u065f\u0670\u0640]")
ARABIC_LETTERS = str.maketrans(
    {
        "\u0623": "\u0627",  # أ
        "\u0625": "\u0627",  # إ
        "\u0622": "\u0627",  # آ
        "\u0671": "\u0627",  # ٱ
        "\u0629": "\u0647",  # ة -> ه  # noqa: RUF003
        "\u0649": "\u064a",  # ى -> ي
    }
)
# The Snowball configurations PostgreSQL ships; another language is indexed
# with "simple" (no stemming) rather than with the wrong language's stems.
POSTGRES_CONFIGS = frozenset(
    [
        "arabic",
        "armenian",
        "basque",
        "catalan",
        "danish",
        "dutch",
        "english",
        "finnish",
        "french",
        "german",
        "greek",
        "hindi",
        "hungarian",
        "indonesian",
        "irish",
        "italian",
        "lithuanian",
        "nepali",
        "norwegian",
        "portuguese",
        "romanian",
        "russian",
        "serbian",
        "spanish",
        "swedish",
        "tamil",
        "turkish",
        "yiddish",
    ]
)


def fold(text):
    """``text`` with Arabic vowel marks removed and letter variants unified."""
    if not text:
        return text or ""
    return ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)


def search_config_for(language_code, default):
    """
    The text search configuration of an edition: ``default`` (the site's
    ``SEARCH_CONFIG``) for the default edition, else the language's own
    (``arabic`` for ``ar``), or ``simple`` for a language PostgreSQL does
    not stem.
    """
    if not language_code or language_code == settings.LANGUAGE_CODE:
        return default
    base = language_code.split("-")[0]
    try:
        name = get_language_info(base)["name"].lower()
    except KeyError:
        return "simple"
    return name if name in POSTGRES_CONFIGS else "simple"
