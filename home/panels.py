"""Editor panels shared by every public page type."""

from urllib.parse import urlsplit

from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class SlugPanel(FieldPanel):
    """
    The slug field, with its hint showing the address the page will have.

    Wagtail's hint is a made-up example ("http://domain.com/blog/[my-slug]/");
    a writer filing under News on the newsroom's own site should read
    "127.0.0.1:8000/news/[slug]/", the address of the section the page sits
    in, on the configured site and edition.
    """

    class BoundPanel(FieldPanel.BoundPanel):
        def __init__(self, **kwargs):
            super().__init__(**kwargs)
            if self.bound_field is None or self.panel.help_text:
                return
            address = self._address()
            if address:
                self.help_text = _(
                    "The last part of the page's address: %(address)s"
                ) % {"address": address}
            else:
                self.help_text = _(
                    "The last part of the page's address, in lower case with hyphens."
                )

        def _address(self):
            """The page's future address without its scheme, the slug as ``[slug]``."""
            parent = getattr(self.form, "parent_page", None)
            parts = parent.get_url_parts(self.request) if parent else None
            if not parts or parts[1] is None:
                return None
            _site_id, root_url, section_path = parts
            host = urlsplit(root_url).netloc
            return f"{host}{section_path.rstrip('/')}/[slug]/"
