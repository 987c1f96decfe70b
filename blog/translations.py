"""
Which translations of a page exist and which are out of date with their source.

A translation is out of date when its source page has a revision newer than
the translation's own latest one: the source changed after the translator
last worked on the translation. The source is the page it was translated
from (wagtail-localize records it when "Translate" makes the translation),
else the page of the default edition. Wagtail's revisions are the whole
record: nothing is stored here.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.timesince import timesince
from django.utils.translation import gettext as _
from wagtail.models import Locale, Page, Revision
from wagtail_localize.models import Translation


@dataclass
class OutOfDate:
    """A translation whose source changed after it was last revised."""

    translation: Page
    source: Page
    source_changed_at: object

    def compare_url(self):
        """The source's changes since the translation was last revised, in Wagtail's revision compare."""
        earlier = (
            Revision.page_revisions.filter(
                object_id=str(self.source.pk),
                created_at__lte=self.translation.latest_revision_created_at,
            )
            .order_by("-created_at", "-pk")
            .first()
        )
        if earlier is None or self.source.latest_revision_id is None:
            return None
        return reverse(
            "wagtailadmin_pages:revisions_compare",
            args=(self.source.pk, earlier.pk, self.source.latest_revision_id),
        )


def source_of(page):
    """The page ``page`` was translated from, or None if ``page`` is itself a source."""
    made_by_translate = (
        Translation.objects.filter(
            source__object_id=page.translation_key, target_locale_id=page.locale_id
        )
        .select_related("source")
        .first()
    )
    source_locale_id = (
        made_by_translate.source.locale_id
        if made_by_translate is not None
        else Locale.get_default().pk
    )
    if source_locale_id == page.locale_id:
        return None
    return (
        Page.objects.filter(
            translation_key=page.translation_key, locale_id=source_locale_id
        )
        .select_related("locale")
        .first()
    )


def _is_behind(translation, source):
    return (
        source.latest_revision_created_at is not None
        and translation.latest_revision_created_at is not None
        and source.latest_revision_created_at > translation.latest_revision_created_at
    )


def out_of_date(page):
    """``page``'s staleness as a translation: an ``OutOfDate``, or None if it is current or a source."""
    source = source_of(page)
    if source is None or not _is_behind(page, source):
        return None
    return OutOfDate(page, source, source.latest_revision_created_at)


def stale_translations(page):
    """The translations of ``page`` that are out of date with it, by edition."""
    return [
        OutOfDate(translation, page, page.latest_revision_created_at)
        for translation in page.get_translations()
        .select_related("locale")
        .order_by("locale__language_code")
        if _is_behind(translation, page)
        and getattr(source_of(translation), "pk", None) == page.pk
    ]


def _edit_link(page):
    return format_html(
        '<a href="{}">{}</a>',
        reverse("wagtailadmin_pages:edit", args=[page.pk]),
        page.locale.get_display_name(),
    )


def show_translation_state(request, page):
    """
    ``before_edit_page``: on a translation, say that it is out of date with
    its source and link the source's changes since; on a source, name the
    translations that are out of date with it.
    """
    if request.method != "GET":
        return None
    stale = out_of_date(page)
    if stale is not None:
        compare = stale.compare_url()
        messages.warning(
            request,
            format_html(
                '<span class="translation-out-of-date">{}</span>{}',
                _(
                    "This translation is out of date: its %(language)s source "
                    "changed %(when)s ago, after this translation was last revised."
                )
                % {
                    "language": stale.source.locale.get_display_name(),
                    "when": timesince(stale.source_changed_at),
                },
                format_html(' <a href="{}">{}</a>', compare, _("See what changed"))
                if compare
                else "",
            ),
        )
    behind = stale_translations(page)
    if behind:
        messages.warning(
            request,
            format_html(
                '<span class="translations-out-of-date">{} {}</span>',
                _("Translations out of date with this page:"),
                format_html_join(
                    ", ", "{}", ((_edit_link(s.translation),) for s in behind)
                ),
            ),
        )
    return None
