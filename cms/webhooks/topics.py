"""
The names endpoints subscribe to, derived from ``ContentEvent`` rows.

The event log speaks of pages (``page.published`` on a ``blog.articlepage``);
receivers think in articles and authors, so a subscription names both:
``article.published``, ``author.deleted``, ``workflow.approved``.
"""

from django.utils.translation import gettext_lazy as _

PAGE_KINDS = {"blog.articlepage": "article", "blog.authorpage": "author"}

CHOICES = [
    ("article.published", _("Article published")),
    ("article.unpublished", _("Article unpublished")),
    ("article.deleted", _("Article deleted")),
    ("article.moved", _("Article moved")),
    ("author.published", _("Author published")),
    ("author.unpublished", _("Author unpublished")),
    ("author.deleted", _("Author deleted")),
    ("author.moved", _("Author moved")),
    ("workflow.submitted", _("Submitted for review")),
    ("workflow.approved", _("Approved")),
    ("workflow.rejected", _("Changes requested")),
    ("workflow.cancelled", _("Review cancelled")),
]
ALL = [value for value, _label in CHOICES]


def topic_for(event):
    """The subscription name of a ``ContentEvent``, e.g. ``article.published``."""
    family, action = event.type.split(".", 1)
    if family == "page":
        return f"{PAGE_KINDS.get(event.page_type, 'page')}.{action}"
    return event.type
