"""
wagtail-localize's "Sync translated pages", with publishing left to those who may.

Its form offers "Publish immediately" to anyone who may submit translations,
writers included, and publishing a synced translation that way skips the
"Editorial review". Here the option is offered (and honoured) only when the
user may publish every translation it would publish; otherwise the sync
updates the translations' source and they go through review as usual.
"""

from django.utils.translation import gettext_lazy as _
from wagtail.models import Page
from wagtail_localize.views.update_translations import UpdateTranslationsView


def may_publish_synced_translations(user, source):
    """Whether ``user`` may publish each page that syncing ``source`` would publish."""
    for translation in source.translations.filter(enabled=True):
        target = translation.get_target_instance()
        if (
            isinstance(target, Page)
            and not target.permissions_for_user(user).can_publish()
        ):
            return False
    return True


class ReviewedUpdateTranslationsView(UpdateTranslationsView):
    """The sync view; "Publish immediately" only for those who may publish the translations."""

    def get_form(self):
        form = super().get_form()
        if not may_publish_synced_translations(self.request.user, self.object):
            field = form.fields["publish_translations"]
            field.disabled = True
            field.help_text = _(
                "Only an editor can publish these translations; they are "
                "updated as drafts and go through review."
            )
        return form
