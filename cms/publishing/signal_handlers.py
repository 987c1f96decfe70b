"""
Keeping stored documents and caches in step with published content.

Everything starts from a committed ``ContentEvent`` (or a committed change to
something documents embed: an image, a reader comment, a view restriction).
The page's own document is rebuilt at once, before the response of the
request that published it is sent; documents that merely embed the page are
rebuilt by a background task. Each step ends by bumping the cache
generation, so no cached response outlives the change.
"""

import logging
import threading
import weakref

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from wagtail.contrib.frontend_cache.utils import purge_urls_from_cache
from wagtail.models import Page, PageViewRestriction, ReferenceIndex

from blog.models import ArticleAuthor, ArticleTopic, ReaderComment, Topic, TopicName
from blog.models.comments import comments_moderated
from cms.events.models import ContentEvent
from cms.httpcache.caching import bump_generation
from cms.httpcache.leases import wait_until_visible
from cms.images.models import NewsImage

from .documents import refresh_pages
from .links import api_url, article_api_url, author_api_url
from .models import DeliveryDocument
from .tasks import refresh_documents

logger = logging.getLogger(__name__)

PAGE_CHANGES = {
    ContentEvent.Type.PUBLISHED,
    ContentEvent.Type.UNPUBLISHED,
    ContentEvent.Type.DELETED,
    ContentEvent.Type.MOVED,
}


def _pages_under(url_path):
    return set(
        DeliveryDocument.objects.filter(url_path__startswith=url_path).values_list(
            "page_id", flat=True
        )
    )


def _linking_to(page_id):
    """Stored documents whose body links to ``page_id`` (related-article blocks, links)."""
    sources = ReferenceIndex.objects.filter(
        to_content_type=ContentType.objects.get_for_model(Page),
        to_object_id=str(page_id),
    ).values_list("object_id", flat=True)
    ids = {int(pk) for pk in sources if str(pk).isdigit()}
    return set(
        DeliveryDocument.objects.filter(page_id__in=ids).values_list(
            "page_id", flat=True
        )
    )


def _other_editions(page_id):
    """
    The stored documents of ``page_id``'s translations: each lists the live
    editions of the page, so a translation going live (or away) changes them,
    and nothing else in them.
    """
    keys = set(
        DeliveryDocument.objects.filter(page_id=page_id).values_list(
            "translation_key", flat=True
        )
    )
    keys |= set(
        Page.objects.filter(pk=page_id).values_list("translation_key", flat=True)
    )
    keys.discard(None)
    if not keys:
        return set()
    return set(
        DeliveryDocument.objects.filter(translation_key__in=keys)
        .exclude(page_id=page_id)
        .values_list("page_id", flat=True)
    )


def refresh_for_event(dispatch):
    """
    First of the content event handlers (``cms.events.dispatch``): rebuild
    the changed pages' documents at once and retire every cached response;
    queue the documents that merely show the page (its links, an author's
    bylines) for the background.
    """
    event = dispatch.event
    if event.type not in PAGE_CHANGES:
        return
    page_ids = {event.page_id} | _other_editions(event.page_id)
    if event.type == ContentEvent.Type.MOVED:
        page_ids |= _pages_under(event.data.get("url_path_before", "") or "\0")
        page_ids |= _pages_under(event.data.get("url_path_after", "") or "\0")
    dispatch.paths |= _live_paths(event.page_id)
    try:
        refresh_pages(page_ids)
    finally:
        # Even if rendering failed, no cached response may outlive the change.
        bump_generation()
    dispatch.paths |= _live_paths(event.page_id)
    dependants = _linking_to(event.page_id)
    if event.page_type == "blog.authorpage":
        # The byline of each of the author's articles shows the bio, in the
        # article's edition where the bio is translated: a byline linking
        # any edition of this bio may change.
        dependants |= set(
            ArticleAuthor.objects.filter(author_id__in=page_ids).values_list(
                "page_id", flat=True
            )
        )
    dependants -= page_ids
    if dependants:
        refresh_documents.enqueue(sorted(dependants))


def purge_for_event(dispatch):
    """
    Second of the content event handlers: tell the CDN (when one is
    configured) to drop the changed page's API URLs, where it was and where
    it is now.
    """
    event = dispatch.event
    if event.type not in PAGE_CHANGES or not getattr(
        settings, "WAGTAILFRONTENDCACHE", None
    ):
        return
    # The edition's own lists too: ``articles/?locale=ar`` is its own URL.
    locale = (
        Page.objects.filter(pk=event.page_id)
        .values_list("locale__language_code", flat=True)
        .first()
    )
    if event.page_type == "blog.articlepage":
        urls = [article_api_url(event.page_id), api_url("articles/")]
        urls.append(api_url("articles/", locale=locale))
    else:
        urls = [author_api_url(event.page_id), api_url("authors/")]
        urls.append(api_url("authors/", locale=locale))
    urls += [api_url("articles/by-path/", path=path) for path in dispatch.paths]
    urls += [api_url("find/", path=path) for path in dispatch.paths]
    urls.append(api_url("topics/"))
    # The CDN refetches at once: from workers that already serve the change.
    wait_until_visible()
    try:
        purge_urls_from_cache(sorted(set(urls)))
    except Exception:
        # A CDN outage must not fail a publish; the short max-age bounds staleness.
        logger.exception("CDN purge failed for page %s", event.page_id)


def _live_paths(page_id):
    return set(
        DeliveryDocument.objects.filter(page_id=page_id).values_list(
            "live_path", flat=True
        )
    )


def _after_commit(page_ids):
    page_ids = sorted(set(page_ids))
    if page_ids:
        transaction.on_commit(lambda: refresh_documents.enqueue(page_ids), robust=True)


@receiver(post_save, sender=NewsImage)
def on_image_saved(sender, instance, created, **kwargs):
    """A new caption, credit or alt text shows in every document using the image."""
    if created:
        return
    used_by = ReferenceIndex.get_references_to(instance).values_list(
        "object_id", flat=True
    )
    ids = {int(pk) for pk in used_by if str(pk).isdigit()}
    _after_commit(
        DeliveryDocument.objects.filter(page_id__in=ids).values_list(
            "page_id", flat=True
        )
    )


class _RefreshArticles:
    """
    An on-commit callback re-rendering the documents of articles whose public
    comments changed, at once: a moderator's approval shows on the very next
    request. One per transaction, however many comments it touched.
    """

    def __init__(self, page_ids):
        self.page_ids = set(page_ids)
        self.done = False

    def __call__(self):
        self.done = True
        try:
            refresh_pages(sorted(self.page_ids))
        finally:
            bump_generation()


class _OpenRefresh(threading.local):
    """
    This thread's callback still waiting for its transaction to commit, if any.

    Held by a weak reference: Django drops the callbacks of a transaction (or
    savepoint) that rolls back, and with them the last reference, so a
    callback that can still be joined is one that will run.
    """

    ref = None

    def join(self, page_ids):
        callback = self.ref() if self.ref is not None else None
        if (
            callback is not None
            and not callback.done
            and transaction.get_connection().in_atomic_block
        ):
            # Join the callback this transaction already has (e.g. an import
            # of many approved comments) rather than re-render per row.
            callback.page_ids.update(page_ids)
            return
        callback = _RefreshArticles(page_ids)
        self.ref = weakref.ref(callback)
        transaction.on_commit(callback, robust=True)


_open_refresh = _OpenRefresh()


@receiver(post_save, sender=ReaderComment)
@receiver(post_delete, sender=ReaderComment)
def on_comment_changed(sender, instance, **kwargs):
    """
    Approving a comment, or withdrawing or deleting an approved one, changes
    the article's public thread. A new comment held for moderation changes
    nothing readers see, so it leaves every cached response alone.
    """
    if instance.is_public or instance.was_public:
        _open_refresh.join([instance.article_id])


@receiver(comments_moderated)
def on_comments_moderated(sender, article_ids, **kwargs):
    """A bulk moderation decision from the admin (a queryset update, no post_save)."""
    _open_refresh.join(article_ids)


@receiver(post_save, sender=PageViewRestriction)
@receiver(post_delete, sender=PageViewRestriction)
def on_restriction_changed(sender, instance, **kwargs):
    """A page made private (or public again) takes everything under it along."""
    _after_commit(_pages_under(instance.page.url_path))


@receiver(post_save, sender=Topic)
@receiver(post_save, sender=TopicName)
@receiver(post_delete, sender=TopicName)
def on_topic_renamed(sender, instance, **kwargs):
    """
    A topic's name, in any edition, shows in the documents of its articles
    and in the topic list: re-render those documents and retire every
    cached response once the change commits.
    """
    topic_id = instance.pk if isinstance(instance, Topic) else instance.topic_id
    article_ids = sorted(
        DeliveryDocument.objects.filter(
            page_id__in=ArticleTopic.objects.filter(tag_id=topic_id).values(
                "content_object_id"
            )
        ).values_list("page_id", flat=True)
    )

    def refresh():
        try:
            refresh_pages(article_ids)
        finally:
            bump_generation()

    transaction.on_commit(refresh, robust=True)
