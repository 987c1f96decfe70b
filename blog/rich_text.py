"""The rich text editor as the newsroom configures it."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.rich_text import DraftailRichTextArea


class LabelledDraftailRichTextArea(DraftailRichTextArea):
    """
    Draftail with an accessible name. Its editable area is a ``div`` with
    ``role="textbox"`` that no ``<label>`` can point at, so in StreamField
    blocks screen readers announced an unnamed field (axe:
    aria-input-field-name).
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.options["ariaLabel"] = str(_("Formatted text"))
