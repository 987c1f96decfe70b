"""
What a page must have before it goes to an editor.

Drafts may be incomplete; a submission may not. The rules are checked on the
latest revision, which is what the editor will review.
"""

from django.utils.translation import gettext as _

from blog.models import ArticlePage, AuthorPage


def missing_fields(page):
    """``[{"loc": [...], "msg": ...}]`` for every field a submission still lacks."""
    errors = []

    def need(ok, field, message):
        if not ok:
            errors.append({"type": "missing", "loc": [field], "msg": str(message)})

    need(page.title.strip(), "title", _("A headline is required."))
    if isinstance(page, ArticlePage):
        need(page.standfirst.strip(), "standfirst", _("A standfirst is required."))
        need(
            any(link.author_id for link in page.article_authors.all()),
            "article_authors",
            _("At least one author is required."),
        )
        need(len(page.body) > 0, "body", _("The body must not be empty."))
    elif isinstance(page, AuthorPage):
        need(page.short_bio.strip(), "short_bio", _("A short bio is required."))
    return errors
