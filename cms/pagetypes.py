"""
The one spelling of a page's type outside Python: ``blog.articlepage``.

The event log stores it, webhooks and the preview hand it to frontends as
``content_type``, and the Delivery API compares it; all of them take it from
``page_type_label``, which is Django's ``label_lower`` of the page's most
specific class (a plain ``Page`` row names its real type).
"""


def page_type_label(page):
    """``app_label.model_name`` of ``page``'s specific class, e.g. ``blog.articlepage``."""
    return (page.specific_class or type(page))._meta.label_lower
