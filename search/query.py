"""
One search path for the HTML site and the API: live, public articles and author bios.
"""

from blog.models import ArticlePage, AuthorPage

MAX_QUERY_LENGTH = 200


def normalise_query(raw):
    """Trim and bound a user's query; an empty result means "no search"."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def _visible(queryset):
    """
    Live, public and not past expiry (even before the scheduler unpublishes
    it). Expiry is excluded by id because ``id`` is a filter field of every
    search backend; past-expiry live pages are few, and only for a minute.
    """
    from django.utils import timezone

    expired = list(
        queryset.live()
        .filter(expire_at__lte=timezone.now())
        .values_list("pk", flat=True)
    )
    return queryset.live().public().exclude(id__in=expired)


def search_articles(query):
    return _visible(ArticlePage.objects).search(query, operator="and")


def search_authors(query):
    return _visible(AuthorPage.objects).search(query, operator="and")


SNIPPET_LENGTH = 240


def highlight(text, query, length=SNIPPET_LENGTH):
    """
    A short, HTML-escaped excerpt of ``text`` around the first matching word,
    with every word of ``query`` wrapped in ``<mark>``.
    """
    import re

    from django.utils.html import escape

    text = " ".join((text or "").split())
    words = [re.escape(word) for word in query.split() if word]
    if not words:
        return escape(text[:length])
    pattern = re.compile(r"\b(" + "|".join(words) + r")", re.IGNORECASE)
    match = pattern.search(text)
    start = max(0, match.start() - length // 3) if match else 0
    excerpt = text[start : start + length]
    if start:
        excerpt = "…" + excerpt
    if start + length < len(text):
        excerpt += "…"
    return pattern.sub(lambda found: f"<mark>{found.group(0)}</mark>", escape(excerpt))
