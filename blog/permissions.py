"""
Wagtail's page permission rules, with two of the newsroom's on top.

Writers hold Wagtail's ``lock`` and ``add`` permissions over the whole
newsroom, which by Wagtail's rules would let them lock any page (an editor's
live story included, blocking an urgent unpublish) and delete any page they
own that is not live (a story waiting in review, or approved and scheduled).
The tester below narrows both for users who hold neither ``unlock`` nor
``publish`` (writers); editors, administrators and superusers keep Wagtail's
rules. Every route (admin, Editorial API, bulk actions) asks the page's
``permissions_for_user``, so the rule holds everywhere.
"""

from wagtail.models import PagePermissionTester, Revision, WorkflowState


class NewsroomPagePermissionTester(PagePermissionTester):
    """Writers lock only their own pages and delete only their idle drafts."""

    def _is_editorial_staff(self):
        return self.user.is_superuser or bool(
            {"unlock", "publish"} & set(self.permissions)
        )

    def can_lock(self):
        if not super().can_lock():
            return False
        return self._is_editorial_staff() or self.page.owner_id == self.user.pk

    def can_move(self):
        # Wagtail answers "may move" with its own delete rule; moving a page in
        # review or scheduled loses no record, so the narrower delete rule
        # below does not apply to it.
        return self.user.is_active and self._wagtail_can_delete(ignore_bulk=True)

    def can_delete(self, ignore_bulk=False):
        if not self._wagtail_can_delete(ignore_bulk=ignore_bulk):
            return False
        if self._is_editorial_staff():
            return True
        return not _under_review_or_scheduled(self.page)

    def _wagtail_can_delete(self, ignore_bulk=False):
        """
        Wagtail's delete rule. For a page without children (every article)
        the pages it would delete are the page alone, so the rule is read
        from the page instead of asked of the database: a writer's row menus
        asked twice per row (move and delete), 100 queries a listing.
        """
        page = self.page
        if (
            page.numchild
            or self.page_is_root
            or self.user.is_superuser
            or not self.user.is_active
        ):
            return super().can_delete(ignore_bulk=ignore_bulk)
        may_publish = "publish" in self.permissions
        if "change" in self.permissions:
            return may_publish or not page.live
        if "add" in self.permissions:
            owned = page.owner_id == self.user.pk
            return owned if may_publish else owned and not page.live
        return False


def _under_review_or_scheduled(page):
    """
    Whether the page, or a page below it, is in review or approved for a later date.

    A page without children (every article) answers from its own workflow
    state and schedule, which Wagtail's page listings fetch for all their
    rows at once; asking the database per row cost a writer's listing of 50
    articles 150 queries.
    """
    if page.numchild == 0:
        return page.workflow_in_progress or page.approved_schedule
    ids = [
        str(pk)
        for pk in page.get_descendants(inclusive=True).values_list("pk", flat=True)
    ]
    in_review = WorkflowState.objects.filter(
        base_content_type__app_label="wagtailcore",
        base_content_type__model="page",
        object_id__in=ids,
        status=WorkflowState.STATUS_IN_PROGRESS,
    ).exists()
    return (
        in_review
        or Revision.page_revisions.filter(
            object_id__in=ids, approved_go_live_at__isnull=False
        ).exists()
    )


class NewsroomPermissions:
    """Mixed into the newsroom's page types: their permissions follow the rules above."""

    def permissions_for_user(self, user):
        return NewsroomPagePermissionTester(user, self)
