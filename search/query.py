"""
One search path for the HTML site and the API: live, public articles and author bios.
"""

from blog.models import ArticlePage, AuthorPage

MAX_QUERY_LENGTH = 200


def normalise_query(raw):
    """Trim and bound a user's query; an empty result means "no search"."""
    return " ".join((raw or "").split())[:MAX_QUERY_LENGTH]


def search_articles(query):
    return ArticlePage.objects.live().public().search(query, operator="and")


def search_authors(query):
    return AuthorPage.objects.live().public().search(query, operator="and")
