"""Template tags that put the newsroom's content on pages of other apps."""

from django import template

from blog.models import ArticlePage

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
