"""
Which edition (content language) a request is for, decided by its path alone.

The newsroom's editions share one site: the default edition's pages keep
their plain URLs (``/news/x/``) and every other edition is prefixed with its
language code (``/ar/news/x/``), as ``i18n_patterns`` with
``prefix_default_language=False`` lays them out. Django's ``LocaleMiddleware``
would also read the cookie and the browser's ``Accept-Language`` for the
unprefixed URLs and add ``Vary: Accept-Language`` to every answer; here the
URL alone names the language, so one URL is one response for every reader,
CDN and cache. Wagtail's admin still speaks each user's own preference.
"""

from django.conf import settings
from django.utils import translation


def language_of_path(path):
    """The edition a path belongs to: its language prefix, else the default."""
    return translation.get_language_from_path(path) or settings.LANGUAGE_CODE


class EditionLanguageMiddleware:
    """Activates the language of the requested edition for the request's lifetime."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        language = language_of_path(request.path_info)
        request.LANGUAGE_CODE = language
        with translation.override(language):
            return self.get_response(request)
