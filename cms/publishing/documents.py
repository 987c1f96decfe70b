"""
Building, storing and removing ``DeliveryDocument`` rows.

Only live, public pages get a document; anything else passed here is
removed instead, so calling ``refresh_pages`` for any page id is always safe.
"""

import hashlib
import json

from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone

from blog.models import ArticlePage, AuthorPage

from .models import DeliveryDocument
from .representations import (
    article_document,
    article_summary,
    author_summary,
    stored_author_document,
)
from .reuse import rendering_in_batch
from .signals import documents_refreshed


def dumps(value):
    """Compact JSON, the same bytes every time for the same value."""
    return json.dumps(
        value, cls=DjangoJSONEncoder, separators=(",", ":"), ensure_ascii=False
    )


def etag_for(text):
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def visible_articles():
    return ArticlePage.objects.live().public()


def visible_authors():
    return AuthorPage.objects.live().public()


def _store(page, page_type, detail, summary, *, sort_date, **fields):
    detail_json = dumps(detail)
    DeliveryDocument.objects.update_or_create(
        page_id=page.pk,
        defaults={
            "page_type": page_type,
            "live_path": detail["path"],
            "locale": page.locale.language_code,
            "translation_key": page.translation_key,
            "slug": page.slug,
            "title": page.title,
            "url_path": page.url_path,
            "expire_at": page.expire_at,
            "summary": dumps(summary),
            "detail": detail_json,
            "etag": etag_for(detail_json),
            "last_modified": page.last_published_at or timezone.now(),
            # Lists and search slice the archive by date: every document has
            # one, even a page made live without being published.
            "sort_date": sort_date or page.last_published_at or timezone.now(),
            **fields,
        },
    )


def store_article(page):
    detail = article_document(page)
    _store(
        page,
        DeliveryDocument.PageType.ARTICLE,
        detail,
        article_summary(detail),
        sort_date=page.display_date or page.first_published_at,
        section_id=page.get_parent().pk,
    )


def store_author(page):
    # Latest articles and their count are read from the article documents
    # at request time, so publishing an article never rewrites its authors.
    detail = stored_author_document(page)
    _store(
        page,
        DeliveryDocument.PageType.AUTHOR,
        detail,
        author_summary(detail),
        sort_date=page.first_published_at,
        section_id=page.get_parent().pk,
    )


@transaction.atomic
def refresh_pages(page_ids):
    """
    Rebuild the documents of ``page_ids`` from their live versions, and
    remove those whose pages are gone, unpublished or private.

    Returns the ids whose documents were rebuilt.
    """
    page_ids = set(page_ids)
    articles = (
        visible_articles()
        .filter(pk__in=page_ids)
        .select_related("hero_image", "social_image", "locale")
        .prefetch_related("article_authors__author", "topics__names", "corrections")
    )
    authors = (
        visible_authors().filter(pk__in=page_ids).select_related("photo", "locale")
    )
    stored = []
    # One transaction, one moment's data: shared portraits and bylines are
    # read once for all the pages (an author's edit re-renders every article).
    with rendering_in_batch():
        for article in articles:
            store_article(article)
            stored.append(article)
        for author in authors:
            store_author(author)
            stored.append(author)
    rebuilt = {page.pk for page in stored}
    DeliveryDocument.objects.filter(pk__in=page_ids - rebuilt).delete()
    documents_refreshed.send(
        sender=DeliveryDocument, stored=stored, removed=page_ids - rebuilt
    )
    return rebuilt


def rebuild_all():
    """Every document from scratch: the first run, or after a deploy changed the shape."""
    ids = set(visible_articles().values_list("pk", flat=True))
    ids |= set(visible_authors().values_list("pk", flat=True))
    ids |= set(DeliveryDocument.objects.values_list("pk", flat=True))
    return refresh_pages(ids)
