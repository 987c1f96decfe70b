"""Template tags for the newsroom's Wagtail admin templates."""

import json

from django import template
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.admin.templatetags.wagtailadmin_tags import bulk_action_choices
from wagtail.admin.widgets.button import HeaderButton
from wagtail.models import Page
from wagtail.permission_policies.pages import PagePermissionPolicy

from cms.ops import heartbeat

register = template.Library()

# Bulk listings whose selection count Wagtail already words ("1 page selected").
WAGTAIL_NAMED_BULK_MODELS = {
    ("wagtailcore", "page"),
    ("wagtaildocs", "document"),
    ("images", "newsimage"),
    ("accounts", "user"),
}

# The page permission a bulk action needs somewhere in the tree before it is
# worth offering: a writer holds only "add" and "lock", and a button that
# ends on a "no permission" page is no help.
PAGE_BULK_ACTION_PERMISSIONS = {
    "publish": "publish",
    "unpublish": "publish",
    "delete": "bulk_delete",
}


@register.inclusion_tag("wagtailadmin/shared/buttons.html", takes_context=True)
def role_bulk_action_choices(context, app_label, model_name):
    """
    Wagtail's bulk action buttons, without the page actions that the signed-in
    user's role can never perform, and naming what a snippet listing holds
    ("Delete selected topics") where Wagtail says "snippets".
    """
    choices = bulk_action_choices(context, app_label, model_name)
    if (app_label, model_name) != (Page._meta.app_label, Page._meta.model_name):
        _name_snippet_deletion(choices["buttons"], app_label, model_name)
        return choices
    user = context["request"].user
    policy = PagePermissionPolicy()
    allowed = {
        action
        for action, permission in PAGE_BULK_ACTION_PERMISSIONS.items()
        if policy.user_has_permission(user, permission)
    }

    def offered(button):
        action = button.url.rstrip("/").rsplit("/", 1)[-1] if button.url else None
        return action not in PAGE_BULK_ACTION_PERMISSIONS or action in allowed

    buttons = []
    for button in choices["buttons"]:
        if getattr(button, "dropdown_buttons", None) is not None:
            button.dropdown_buttons = [b for b in button.dropdown_buttons if offered(b)]
            if button.dropdown_buttons:
                buttons.append(button)
        elif offered(button):
            buttons.append(button)
    return {**choices, "buttons": buttons}


def _name_snippet_deletion(buttons, app_label, model_name):
    """Speak of a snippet listing's bulk delete in the model's own plural."""
    if (app_label, model_name) in WAGTAIL_NAMED_BULK_MODELS:
        return
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return
    delete_url = reverse("wagtail_bulk_action", args=(app_label, model_name, "delete"))
    for button in buttons:
        for choice in getattr(button, "dropdown_buttons", None) or [button]:
            if choice.url == delete_url:
                choice.attrs["aria-label"] = _("Delete selected %(many)s") % {
                    "many": model._meta.verbose_name_plural
                }


@register.simple_tag
def labelled_header_buttons(buttons, parent_page):
    """
    The page listing's header buttons, with Wagtail's unlabelled (+) spelled
    out where the section holds one kind of page: "New article" on News,
    "New author" on Authors, opening that editor straight away.
    """
    models = parent_page.specific_class.allowed_subpage_models() if parent_page else []
    if len(models) != 1:
        return buttons
    model = models[0]
    add_subpage = reverse("wagtailadmin_pages:add_subpage", args=(parent_page.pk,))
    labelled = []
    for button in buttons:
        if button.url == add_subpage:
            button = HeaderButton(
                _("New %(kind)s") % {"kind": model._meta.verbose_name},
                url=reverse(
                    "wagtailadmin_pages:add",
                    args=(
                        model._meta.app_label,
                        model._meta.model_name,
                        parent_page.pk,
                    ),
                ),
                icon_name="plus",
                classname="button-primary",
            )
        labelled.append(button)
    return labelled


@register.inclusion_tag("blog/admin/scheduling_notes.html")
def scheduling_notes():
    """
    Under the schedule's dates: the time zone they are read in (the editor's
    own, from their account settings) and, when no worker's scheduler has
    beaten lately, that a scheduled page will wait for it.
    """
    now = timezone.localtime()
    return {
        "time_zone": timezone.get_current_timezone_name(),
        "utc_offset": now.strftime("%z")[:3] + ":" + now.strftime("%z")[3:],
        "profile_url": reverse("wagtailadmin_account"),
        "worker_running": heartbeat.is_running(heartbeat.SCHEDULER),
    }


@register.simple_tag
def bulk_selection_strings(app_label, model_name):
    """
    The bulk bar's count in the model's own words ("1 comment selected",
    "3 topics selected") for models Wagtail would call "snippets"; read by
    static/js/bulk-count.js. None for the kinds Wagtail already names.
    """
    if (app_label, model_name) in WAGTAIL_NAMED_BULK_MODELS:
        return None
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return None
    one, many = model._meta.verbose_name, model._meta.verbose_name_plural
    return json.dumps(
        {
            "SINGULAR": _("1 %(one)s selected") % {"one": one},
            "PLURAL": _("%%(objects)s %(many)s selected") % {"many": many},
            "ALL": _("All %%(objects)s %(many)s on this screen selected")
            % {"many": many},
            "ALL_IN_LISTING": _("All %(many)s in listing selected") % {"many": many},
        }
    )


@register.simple_tag
def newsroom_name():
    """The newsroom's name (``WAGTAIL_SITE_NAME``), for the admin's branding blocks."""
    return settings.WAGTAIL_SITE_NAME


@register.simple_tag
def several_editions():
    """
    Whether the newsroom publishes more than one edition: only then does a
    listing name each item's edition (a badge saying "English" on every row
    of a one-language newsroom tells no one anything).
    """
    return len(settings.WAGTAIL_CONTENT_LANGUAGES) > 1
