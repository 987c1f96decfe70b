"""
Wagtail's editor autosave, kept to the steps a person took.

Wagtail 8 autosaves the edit form whenever the browser sees its data change,
and that includes fields that are not content: the hidden fields a workflow
action fills in when an editor clicks "Approve and publish", for instance. Its
save view then writes a revision whatever the form holds, so an autosave that
races a publish leaves an identical revision after the live one, and the page
reads LIVE + DRAFT with nothing to publish.

Two rules, applied through Wagtail's own edit hooks:

- an autosave whose form changes nothing against the latest revision saves
  nothing (answered as a successful autosave, so the editor stays calm);
- an autosave that does save is logged as ``blog.autosave`` ("Autosaved"),
  never as a deliberate "wagtail.edit", and every autosave of the same
  revision shares one log entry id, so the history shows one "Autosaved"
  line for a run of autosaves instead of one line each.
"""

from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from wagtail.models import PageLogEntry, PageSubscription

AUTOSAVE_ACTION = "blog.autosave"
AUTOSAVE_LABELS = (_("Autosave"), _("Autosaved"))

# The form buttons of every deliberate act in the page editor.
_DELIBERATE_ACTIONS = (
    "action-publish",
    "action-submit",
    "action-restart-workflow",
    "action-workflow-action",
    "action-cancel-workflow",
)


def is_autosave(request):
    """
    An autosave is the editor's background POST that asks for JSON and names
    no action; "Save draft" and every other button submit the form for HTML.
    """
    return (
        request.method == "POST"
        and not request.accepts("text/html")
        and not any(request.POST.get(name) for name in _DELIBERATE_ACTIONS)
    )


def autosave_changes_nothing(request, page):
    """
    Whether the posted edit form holds exactly the content of ``page`` (the
    latest revision, as the edit view loads it), by the comparison Wagtail
    itself uses for "content changed" when it publishes.
    """
    subscription = PageSubscription.objects.filter(
        page=page, user=request.user
    ).first() or PageSubscription(page=page, user=request.user)
    form_class = page.get_edit_handler().get_form_class()
    form = form_class(
        request.POST,
        request.FILES,
        instance=page,
        subscription=subscription,
        parent_page=page.get_parent(),
        for_user=request.user,
    )
    return not form.has_changed()


def skip_empty_autosave(request, page):
    """``before_edit_page``: answer an autosave that changes nothing without saving."""
    if is_autosave(request) and autosave_changes_nothing(request, page):
        return JsonResponse({"success": True, "pk": page.pk})
    return None


def label_autosave(request, page):
    """
    ``after_edit_page``: relabel the log entry the autosave just wrote, and
    give it the id of the first autosave of the same revision so that
    Wagtail's history (which shows the latest entry per id and action) rolls
    a run of autosaves into one line.
    """
    if not is_autosave(request) or page.latest_revision_id is None:
        return None
    entries = PageLogEntry.objects.filter(
        page_id=page.pk,
        revision_id=page.latest_revision_id,
        user_id=request.user.pk,
    )
    # The entry this request wrote is the newest "edit" of the revision; an
    # earlier deliberate save of the same revision keeps its label.
    written = (
        entries.filter(action="wagtail.edit").order_by("-timestamp", "-pk").first()
    )
    if written is None:
        return None
    first = entries.filter(action=AUTOSAVE_ACTION).order_by("timestamp", "pk").first()
    written.action = AUTOSAVE_ACTION
    if first is not None:
        written.uuid = first.uuid
    written.save(update_fields=["action", "uuid"])
    return None
