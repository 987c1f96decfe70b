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
