"""
The admin's menus as the newsroom's roles use them.

Wagtail offers every report a user's permissions allow and, under Help,
links to Wagtail's own release notes and generic editor guide. The newsroom
keeps what each role works with: writers their translations (their own
articles are on the dashboard), editors the reports of the review and of
the site's history and ageing, administrators everything. Help opens the
newsroom's own guide (``blog.guide``). Menus only: the reports' addresses
keep Wagtail's permission checks.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail.admin.menu import MenuItem
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

# Reports an editor uses; "Workflow tasks" repeats "Workflows" for a
# one-task review, and "Page types usage" is a developer's inventory.
EDITOR_REPORTS = {
    "translations",
    "locked-pages",
    "workflows",
    "site-history",
    "aging-pages",
}
# Writers follow their own submissions on the dashboard.
WRITER_REPORTS = {"translations"}
# Wagtail's Help items pointing at wagtail.org rather than the newsroom.
GENERIC_HELP_ITEMS = ("editor-guide", "whats-new-in-wagtail-")


def reports_for_role(request, menu_items):
    user = request.user
    if user.is_superuser:
        return
    can_publish = PagePermissionPolicy(Page).user_has_permission(user, "publish")
    kept = EDITOR_REPORTS if can_publish else WRITER_REPORTS
    menu_items[:] = [item for item in menu_items if item.name in kept]


def newsroom_help(request, menu_items):
    menu_items[:] = [
        item for item in menu_items if not item.name.startswith(GENERIC_HELP_ITEMS)
    ]


def guide_menu_item():
    return MenuItem(
        _("Newsroom guide"),
        reverse("newsroom_editors_guide"),
        name="newsroom-guide",
        icon_name="help",
        order=900,
    )
