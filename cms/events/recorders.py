"""
Wagtail's signals, turned into ``ContentEvent`` rows.

Only the newsroom's public page types are recorded: what external sites
mirror. A view restriction added or removed is recorded too, as an unpublish
or a publish of each article and author it hides or reveals: for readers and
mirrors that is what it is. Handlers run synchronously inside the change's transaction (requests
are atomic, see ``ATOMIC_REQUESTS``), so the change and its event commit or
roll back together.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_delete, post_save, pre_delete, pre_save
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import (
    page_published,
    page_unpublished,
    post_page_move,
    workflow_approved,
    workflow_cancelled,
    workflow_rejected,
    workflow_submitted,
)

from cms.pagetypes import page_type_label

from . import log
from .models import ContentEvent

RECORDED_PAGE_TYPES = {"blog.articlepage", "blog.authorpage"}
# Why a page left or joined what readers see, when no publish or unpublish did it.
MADE_PRIVATE = "view_restriction_added"
MADE_PUBLIC = "view_restriction_removed"


def _is_recorded(page):
    return page_type_label(page) in RECORDED_PAGE_TYPES


def _only_scheduled(instance, revision):
    """
    Wagtail sends ``page_published`` when a revision is merely scheduled, too;
    nothing changes for readers until the scheduler makes it live.
    """
    if not instance.live:
        return True
    go_live = getattr(revision, "approved_go_live_at", None)
    return go_live is not None and go_live > timezone.now()


@receiver(page_published)
def record_published(sender, instance, revision=None, **kwargs):
    if _is_recorded(instance) and not _only_scheduled(instance, revision):
        user = getattr(revision, "user", None)
        log.record(ContentEvent.Type.PUBLISHED, instance, user=user, revision=revision)


@receiver(page_unpublished)
def record_unpublished(sender, instance, **kwargs):
    if _is_recorded(instance):
        log.record(ContentEvent.Type.UNPUBLISHED, instance)


@receiver(post_delete, sender=Page)
def record_deleted(sender, instance, **kwargs):
    # After the row is gone, so that Wagtail's own pre-delete unpublish is
    # logged first; Django sends this once for the base Page row of any type.
    if _is_recorded(instance):
        log.record(ContentEvent.Type.DELETED, instance, was_live=instance.live)


@receiver(post_page_move)
def record_moved(sender, instance, url_path_before="", url_path_after="", **kwargs):
    if _is_recorded(instance) and url_path_before != url_path_after:
        log.record(
            ContentEvent.Type.MOVED,
            instance,
            url_path_before=url_path_before,
            url_path_after=url_path_after,
        )


def _record_workflow(event_type, workflow_state, user, **data):
    page = workflow_state.content_object
    if isinstance(page, Page) and _is_recorded(page):
        log.record(event_type, page, user=user, **data)


@receiver(workflow_submitted)
def record_submitted(sender, instance, user=None, **kwargs):
    _record_workflow(ContentEvent.Type.WORKFLOW_SUBMITTED, instance, user)


@receiver(workflow_approved)
def record_approved(sender, instance, user=None, **kwargs):
    _record_workflow(ContentEvent.Type.WORKFLOW_APPROVED, instance, user)


@receiver(workflow_rejected)
def record_rejected(sender, instance, user=None, **kwargs):
    comment = ""
    task_state = instance.current_task_state
    if task_state is not None:
        comment = task_state.comment or ""
    _record_workflow(
        ContentEvent.Type.WORKFLOW_REJECTED, instance, user, comment=comment
    )


@receiver(workflow_cancelled)
def record_cancelled(sender, instance, user=None, **kwargs):
    _record_workflow(ContentEvent.Type.WORKFLOW_CANCELLED, instance, user)


def _readable_by_anyone(page):
    """
    Ids of the live, unrestricted articles and authors at or below ``page``:
    what the public Delivery API serves there.
    """
    types = [
        ContentType.objects.get_by_natural_key(*name.split("."))
        for name in RECORDED_PAGE_TYPES
    ]
    return set(
        Page.objects.descendant_of(page, inclusive=True)
        .live()
        .public()
        .filter(content_type__in=types)
        .values_list("pk", flat=True)
    )


def _record_visibility_change(page, before):
    """
    One event for each article and author that a view restriction hid from
    readers (as an unpublish) or revealed to them (as a publish), so that the
    stored documents, the CDN, webhooks and the sync feed follow.
    """
    after = _readable_by_anyone(page)
    changed = [
        (ContentEvent.Type.UNPUBLISHED, before - after, MADE_PRIVATE),
        (ContentEvent.Type.PUBLISHED, after - before, MADE_PUBLIC),
    ]
    for event_type, page_ids, reason in changed:
        for subject in Page.objects.filter(pk__in=page_ids).order_by("path"):
            log.record(event_type, subject, reason=reason)


def _restriction_removed_alone(origin):
    """
    Whether a restriction is being deleted for itself, rather than along
    with its page (whose own deletion is recorded instead).
    """
    model = getattr(origin, "model", type(origin))
    return model is PageViewRestriction


@receiver(pre_save, sender=PageViewRestriction)
def note_visibility_before_restriction_saved(sender, instance, raw=False, **kwargs):
    if not raw:
        instance._readable_before = _readable_by_anyone(instance.page)


@receiver(post_save, sender=PageViewRestriction)
def record_restriction_saved(sender, instance, raw=False, **kwargs):
    before = getattr(instance, "_readable_before", None)
    if not raw and before is not None:
        _record_visibility_change(instance.page, before)


@receiver(pre_delete, sender=PageViewRestriction)
def note_visibility_before_restriction_deleted(sender, instance, origin=None, **kw):
    if _restriction_removed_alone(origin):
        instance._readable_before = _readable_by_anyone(instance.page)


@receiver(post_delete, sender=PageViewRestriction)
def record_restriction_deleted(sender, instance, origin=None, **kwargs):
    before = getattr(instance, "_readable_before", None)
    if _restriction_removed_alone(origin) and before is not None:
        _record_visibility_change(instance.page, before)
