"""
"Translate this page" in the page listing's row menu, at no query per row.

wagtail-localize offers the same button from its own
``register_page_listing_more_buttons`` hook, which asks the database twice
for every row (which editions lack the page; whether the page is the source
of synced translations): 100 queries for a listing of 50 articles, the
largest part of the News listing's time. The listing's queryset already
carries Wagtail's ``has untranslated locale`` annotation, so the row reads
its answer from there and only a page met outside a listing asks.

"Sync translated pages" stays where an editor works on one page (the page's
header menu and its editor), where wagtail-localize's hook still offers it;
in the listing it would cost a query per row for a button that concerns
only the rare story that is the source of a translation.
"""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets.button import Button
from wagtail.models import Locale
from wagtail_localize import wagtail_hooks as localize_hooks

SUBMIT_TRANSLATION = "wagtail_localize.submit_translation"
ROW_MENU_HOOK = "register_page_listing_more_buttons"
# What Wagtail's page listings annotate (``annotate_has_untranslated_locale``).
UNTRANSLATED_ANNOTATION = "_has_untranslated_locale"


def has_edition_to_translate_into(page):
    """Whether an edition (locale) still lacks this page."""
    annotated = getattr(page, UNTRANSLATED_ANNOTATION, None)
    if annotated is not None:
        return annotated
    return Locale.objects.exclude(
        id__in=page.get_translations(inclusive=True)
        .exclude(alias_of__isnull=False)
        .values_list("locale_id", flat=True)
    ).exists()


def translate_row_button(page, user, next_url=None):
    """``register_page_listing_more_buttons``: "Translate this page" for a row."""
    if page.is_root() or not user.has_perm(SUBMIT_TRANSLATION):
        return
    if has_edition_to_translate_into(page):
        yield Button(
            _("Translate this page"),
            reverse(
                "wagtail_localize:submit_page_translation",
                args=[page.alias_of_id or page.pk],
            ),
            priority=60,
            icon_name="wagtail-localize-language",
        )


def replace_row_menu_hook():
    """
    Put ``translate_row_button`` in the place of wagtail-localize's row hook.

    Wagtail has no call to unregister a hook; its registry is a list of
    ``(function, order)`` per hook name. wagtail-localize's module is
    imported above, so its hook is registered before this runs whatever the
    order of ``INSTALLED_APPS``.
    """
    registered = hooks._hooks.setdefault(ROW_MENU_HOOK, [])
    registered[:] = [
        (function, order)
        for function, order in registered
        if function is not localize_hooks.page_listing_more_buttons
    ]
    if all(function is not translate_row_button for function, _order in registered):
        hooks.register(ROW_MENU_HOOK, translate_row_button)
