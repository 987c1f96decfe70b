"""Template tags that put the newsroom's content on pages of other apps."""

from django import template
from django.conf import settings

from blog.models import ArticlePage
from blog.sitemaps import hreflang

register = template.Library()

LATEST_COUNT = 10


@register.simple_tag
def latest_articles(page, count=LATEST_COUNT):
    """The newest readable articles under ``page`` (the home page's list)."""
    return (
        ArticlePage.objects.descendant_of(page)
        .readable()
        .newest_first()
        .with_listing_relations()[:count]
    )


@register.simple_tag(takes_context=True)
def edition_alternates(context, page):
    """
    The page in every edition a reader can open it in, as ``(hreflang, URL,
    language name, is this page)`` for ``<link rel="alternate" hreflang>`` and the language
    switch, the default edition's also as ``x-default``. Empty when the page
    has no live translation.
    """
    if page is None or getattr(page, "pk", None) is None:
        return []
    request = context.get("request")
    names = dict(settings.WAGTAIL_CONTENT_LANGUAGES)
    editions = [
        (translation.locale.language_code, translation)
        for translation in page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
        .order_by("locale__language_code")
    ]
    if len(editions) < 2:
        return []
    alternates = [
        (
            hreflang(code),
            translation.get_full_url(request),
            names.get(code, code),
            translation.pk == page.pk,
        )
        for code, translation in editions
    ]
    for code, translation in editions:
        if code == settings.LANGUAGE_CODE:
            alternates.append(
                ("x-default", translation.get_full_url(request), "", False)
            )
    return alternates


@register.filter
def clock_time(seconds):
    """A duration in seconds as a reader reads it: ``754`` → ``12:34``, ``3725`` → ``1:02:05``."""
    try:
        seconds = int(seconds)
    except (TypeError, ValueError):
        return ""
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours}:{minutes:02}:{seconds:02}"
    return f"{minutes}:{seconds:02}"


@register.filter
def topic_name(topic, page):
    """``{{ topic|topic_name:page }}``: the topic as ``page``'s edition names it."""
    return topic.name_in(page.locale_id)
