"""
Full-text vectors stored beside each Delivery API document, on PostgreSQL.

Wagtail's PostgreSQL backend matches ``title || body`` and ranks both
vectors of every match. The concatenation is computed per row, and ranking
reads the whole story's vector (stored compressed, out of line) for each of
the thousands of stories a common word matches: about 100 ms a query at
10,000 articles and ten times that at 100,000. So each live page's
``DeliveryDocument`` carries two vectors of its own, written when the
document is:

- ``search_vector``, everything a reader can search, weighted headline (A),
  standfirst and topics (B), body (C), bylines (D), with a GIN index: the
  match is an index lookup;
- ``rank_vector``, the same without the body: a few dozen words, stored in
  the row, so ranking a match costs microseconds. A story that matches only
  through its body scores as if each query word appeared once in the body
  (see ``search.postgres``), so the order stays headline, standfirst, body,
  byline.

Documents exist only for live, public pages, so the search needs no join to
filter drafts out. Other databases keep Wagtail's own backend and leave
these columns empty.
"""

import json

from django.conf import settings
from django.db import connection
from django.utils.html import strip_tags

from blog.models import ArticlePage, AuthorPage

# One statement per batch: (page id, A, B, C, D) rows in, both vectors out.
UPDATE_VECTORS = """
UPDATE delivery_deliverydocument AS document
SET search_vector = vectors.lead || setweight(to_tsvector(%(config)s::regconfig, vectors.c), 'C'),
    rank_vector = vectors.lead
FROM (
    SELECT entry.page_id,
           setweight(to_tsvector(%(config)s::regconfig, entry.a), 'A')
           || setweight(to_tsvector(%(config)s::regconfig, entry.b), 'B')
           || setweight(to_tsvector(%(config)s::regconfig, entry.d), 'D') AS lead,
           entry.c
    FROM jsonb_to_recordset(%(rows)s::jsonb)
        AS entry(page_id integer, a text, b text, c text, d text)
) AS vectors
WHERE document.page_id = vectors.page_id
"""


def search_config():
    """The text search configuration (language) of the default backend."""
    return settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "english"


def stores_vectors():
    return connection.vendor == "postgresql"


def body_text(article):
    """Every searchable word of the story's body, in order."""
    stream = article.body
    return " ".join(stream.stream_block.get_searchable_content(stream))


def article_texts(article):
    """The four weights' texts of a live article, from its prefetched relations."""
    topics = " ".join(tag.name for tag in article.topics.all())
    authors = " ".join(
        link.author.display_name for link in article.article_authors.all()
    )
    return {
        "page_id": article.pk,
        "a": article.title,
        "b": f"{article.standfirst} {topics}",
        "c": body_text(article),
        "d": authors,
    }


def author_texts(author):
    """An author bio: name (A), role (B), short and full bio (C, like a body)."""
    return {
        "page_id": author.pk,
        "a": author.title,
        "b": author.role,
        "c": f"{author.short_bio} {strip_tags(author.bio or '')}",
        "d": "",
    }


def texts(page):
    if isinstance(page, ArticlePage):
        return article_texts(page)
    if isinstance(page, AuthorPage):
        return author_texts(page)
    raise TypeError(f"No search vectors for {type(page).__name__}")


def store_vectors(pages):
    """Write both vectors of ``pages`` (live pages whose documents exist)."""
    if not stores_vectors():
        return
    rows = [texts(page) for page in pages]
    if not rows:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            UPDATE_VECTORS, {"config": search_config(), "rows": json.dumps(rows)}
        )
