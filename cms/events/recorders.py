"""
Wagtail's signals, turned into ``ContentEvent`` rows.

Only the newsroom's public page types are recorded: what external sites
mirror. Handlers run synchronously inside the change's transaction (requests
are atomic, see ``ATOMIC_REQUESTS``), so the change and its event commit or
roll back together.
"""

from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from wagtail.models import Page
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
