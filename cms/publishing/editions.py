"""
The newsroom's editions (content languages) as the Delivery API reads them.

Every list and search reads one edition: ``?locale=`` names it, and without
it the default edition (``LANGUAGE_CODE``) is read, so clients written
before there were editions keep getting exactly what they got. A page asked
for in an edition it has no live translation in is a 404 that names the
editions it does exist in; a client that prefers the default edition over
nothing says so with ``fallback=default``.
"""

from http import HTTPStatus

from django.conf import settings
from django.utils.translation import get_language_from_path

from cms.http.problems import BadRequest, Problem

from .links import api_url
from .models import DeliveryDocument
from .reading import visible

FALLBACKS = ("none", "default")


def edition_codes():
    """The language codes of the configured editions, the default first."""
    return [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]


def default_edition():
    return settings.LANGUAGE_CODE


def edition(value):
    """The edition ``?locale=`` names (case-insensitive), else the default one."""
    if value in (None, ""):
        return default_edition()
    code = value.strip().lower()
    if code not in edition_codes():
        raise BadRequest(
            "Unknown locale.",
            [{"name": "locale", "reason": "allowed: " + ", ".join(edition_codes())}],
        )
    return code


def fallback_choice(value):
    """``?fallback=``: ``none`` (the default) or ``default`` (the default edition)."""
    value = (value or "none").strip().lower()
    if value not in FALLBACKS:
        raise BadRequest(
            "Unknown fallback.",
            [{"name": "fallback", "reason": "allowed: " + ", ".join(FALLBACKS)}],
        )
    return value


def path_edition(path):
    """The edition a site path belongs to, by its language prefix."""
    code = get_language_from_path(path)
    return code if code in edition_codes() else default_edition()


def unprefixed(path):
    """``/ar/news/x/`` as the default edition would spell it: ``/news/x/``."""
    code = get_language_from_path(path)
    if code and code != default_edition():
        rest = path[len(code) + 1 :]
        return rest if rest.startswith("/") else "/" + rest
    return path


def translation_keys(page_type, **lookup):
    """The translation sets of the visible documents matching ``lookup``."""
    return visible(page_type).filter(**lookup).values("translation_key")


def editions_of(page_type, keys):
    """
    Where the pages of translation sets ``keys`` can be read: one entry per
    live edition (locale, path, API URL), in the configured editions' order.
    """
    order = {code: index for index, code in enumerate(edition_codes())}
    rows = (
        visible(page_type)
        .filter(translation_key__in=keys)
        .values_list("locale", "live_path", "page_id")
    )
    endpoint = (
        "articles" if page_type == DeliveryDocument.PageType.ARTICLE else "authors"
    )
    return sorted(
        (
            {
                "locale": locale,
                "path": path,
                "api_url": api_url(f"{endpoint}/{page_id}/"),
            }
            for locale, path, page_id in rows
        ),
        key=lambda entry: (order.get(entry["locale"], len(order)), entry["path"]),
    )


class MissingTranslation(Problem):
    """
    A 404 for a page that exists, but not in the edition asked for; its
    ``available_locales`` lists the editions it can be read in.
    """

    def __init__(self, locale, available):
        super().__init__(
            HTTPStatus.NOT_FOUND,
            f"No published translation in {locale!r}; "
            f"available in: {', '.join(entry['locale'] for entry in available)}.",
            locale=locale,
            available_locales=available,
        )
