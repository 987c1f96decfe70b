"""
Search entries stored beside each Delivery API document, so that search
reads one indexed table of live pages instead of Wagtail's index.

Wagtail's database backends rank every match one at a time: on PostgreSQL
they concatenate ``title || body`` per row and rank the whole story's vector
(stored compressed, out of line) for each of the thousands of stories a
common word matches, about 100 ms a query at 10,000 articles and ten times
that at 100,000; on SQLite they run the full-text match again for each
match, one to two seconds a query. Here each live page's texts are written
when its document is, in four weights: headline (A), standfirst and topics
(B), body (C), bylines (D).

- PostgreSQL: the ``DeliveryDocument`` row carries ``search_vector``
  (everything, GIN-indexed: the match is an index lookup) and
  ``rank_vector`` (the same without the body: a few dozen words stored in
  the row, so ranking a match costs microseconds). A story that needs its
  body to match scores as if each query word appeared there once (see
  ``search.stored``).
- Each edition is stemmed in its own language on PostgreSQL (``arabic`` for
  Arabic documents; see ``search.languages``), and on both databases the
  indexed words are folded (Arabic vowel marks and letter variants) as the
  queries are.
- SQLite: an FTS5 table ``delivery_search`` with one column per weight and
  the page id as its rowid, ranked by ``bm25`` with per-column weights in
  one statement; the Porter stemmer makes ``elections`` find "election".

Documents exist only for live, public pages, so search needs no join to
filter drafts out. Other databases (and the Elasticsearch and OpenSearch
switches) keep Wagtail's own backend.
"""

import json

from django.conf import settings
from django.db import connection
from django.db.models import Q
from django.utils.html import strip_tags
from wagtail.models import Locale

from blog.models import ArticlePage, AuthorPage
from cms.publishing.models import DeliveryDocument

from .languages import fold, search_config_for

# One statement per batch: (page id, A, B, C, D) rows in, both vectors out.
UPDATE_VECTORS = """
UPDATE delivery_deliverydocument AS document
SET search_vector = vectors.lead || setweight(to_tsvector(vectors.config, vectors.c), 'C'),
    rank_vector = vectors.lead,
    search_text = vectors.text
FROM (
    SELECT entry.page_id,
           setweight(to_tsvector(entry.config::regconfig, entry.a), 'A')
           || setweight(to_tsvector(entry.config::regconfig, entry.b), 'B')
           || setweight(to_tsvector(entry.config::regconfig, entry.d), 'D') AS lead,
           entry.config::regconfig AS config,
           entry.c,
           entry.text
    FROM jsonb_to_recordset(%(rows)s::jsonb)
        AS entry(page_id integer, config text, a text, b text, c text, d text, text text)
) AS vectors
WHERE document.page_id = vectors.page_id
"""


def search_config(language_code=None):
    """
    The text search configuration (language) of an edition: the default
    backend's ``SEARCH_CONFIG`` for the default edition (and when no edition
    is named), the language's own for the others.
    """
    default = (
        settings.WAGTAILSEARCH_BACKENDS["default"].get("SEARCH_CONFIG") or "english"
    )
    return search_config_for(language_code, default)


FTS_TABLE = "delivery_search"
# Each weight's column, in the order bm25() takes their weights.
FTS_COLUMNS = ("headline", "lead", "body", "bylines")
FTS_WEIGHTS = (10.0, 5.0, 2.0, 1.0)


def stores_search_entries():
    return connection.vendor in ("postgresql", "sqlite")


def body_text(article):
    """Every searchable word of the story's body, in order."""
    stream = article.body
    return " ".join(stream.stream_block.get_searchable_content(stream))


def article_texts(article):
    """The four weights' texts of a live article, from its prefetched relations."""
    # Topics as the article's edition names them: Arabic readers search "سوريا".
    topics = " ".join(tag.name_in(article.locale_id) for tag in article.topics.all())
    authors = " ".join(
        link.author.display_name for link in article.article_authors.all()
    )
    body = body_text(article)
    return {
        "page_id": article.pk,
        "a": article.title,
        "b": f"{article.standfirst} {topics}",
        "c": body,
        "d": authors,
        # What a search snippet quotes, so results never parse the body.
        "text": f"{article.standfirst} {body}".strip(),
    }


def author_text(author):
    """What an author's search snippet quotes after the name: role and short bio."""
    return f"{author.role}. {author.short_bio}"


def author_texts(author):
    """An author bio: name (A), role (B), short and full bio (C, like a body)."""
    return {
        "page_id": author.pk,
        "a": author.title,
        "b": author.role,
        "c": f"{author.short_bio} {strip_tags(author.bio or '')}",
        "d": "",
        "text": author_text(author),
    }


def texts(page, language_code=None):
    """
    A page's entry: the four weights folded for matching (``fold``), the
    snippet's text as written, and the configuration of its edition
    (``language_code``, else read from the page's locale).
    """
    if isinstance(page, ArticlePage):
        entry = article_texts(page)
    elif isinstance(page, AuthorPage):
        entry = author_texts(page)
    else:
        raise TypeError(f"No search entry for {type(page).__name__}")
    for weight in ("a", "b", "c", "d"):
        entry[weight] = fold(entry[weight])
    entry["config"] = search_config(language_code or page.locale.language_code)
    return entry


def store_search_entries(pages):
    """Write the search entries of ``pages`` (live pages whose documents exist)."""
    if not stores_search_entries():
        return
    pages = list(pages)
    if not pages:
        return
    # One query for every edition's code, rather than one per page.
    codes = dict(Locale.objects.values_list("pk", "language_code"))
    rows = [texts(page, codes.get(page.locale_id)) for page in pages]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute(UPDATE_VECTORS, {"rows": json.dumps(rows)})
        return
    remove_search_entries([row["page_id"] for row in rows])
    with connection.cursor() as cursor:
        cursor.executemany(
            f"INSERT INTO {FTS_TABLE} (rowid, {', '.join(FTS_COLUMNS)}) "  # noqa: S608
            "VALUES (%s, %s, %s, %s, %s)",
            [(row["page_id"], row["a"], row["b"], row["c"], row["d"]) for row in rows],
        )
        cursor.executemany(
            "UPDATE delivery_deliverydocument SET search_text = %s WHERE page_id = %s",
            [(row["text"], row["page_id"]) for row in rows],
        )


def missing_entry_ids():
    """Ids of documents without a search entry (stored before entries existed)."""
    if connection.vendor == "postgresql":
        documents = DeliveryDocument.objects.filter(
            Q(search_vector__isnull=True) | Q(search_text__isnull=True)
        )
        return list(documents.values_list("page_id", flat=True))
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT page_id FROM delivery_deliverydocument "  # noqa: S608
                f"WHERE page_id NOT IN (SELECT rowid FROM {FTS_TABLE}) "
                "OR search_text IS NULL"
            )
            return [row[0] for row in cursor.fetchall()]
    return []


def remove_search_entries(page_ids):
    """
    Forget the entries of ``page_ids`` (SQLite's separate table; on
    PostgreSQL they go with the document row).
    """
    page_ids = list(page_ids)
    if connection.vendor != "sqlite" or not page_ids:
        return
    with connection.cursor() as cursor:
        cursor.execute(
            f"DELETE FROM {FTS_TABLE} WHERE rowid IN "  # noqa: S608
            f"({', '.join(['%s'] * len(page_ids))})",
            page_ids,
        )
