"""
The JSON body of a delivery.

``data`` carries the live document of a published article or author, in
exactly the shape the Delivery API returns, so a receiver need not call back;
for every other change it carries the event's details and a link. Only a page
the public Delivery API would serve (live, not behind a view restriction, not
expired) is ever sent whole: a private page's content stays private.
"""

from django.utils import timezone
from wagtail.models import Page

from cms.publishing.links import api_url as delivery_api_url
from cms.publishing.representations import article_document, author_document

from . import topics

DOCUMENT_BUILDERS = {
    "article": article_document,
    "author": author_document,
}


def api_url(kind, page_id):
    """The page's Delivery API address (``/api/v1/articles/<id>/``)."""
    return delivery_api_url(f"{kind}s/{page_id}/")


def live_document(kind, page):
    """The Delivery API's detail document for a live page, or None for other kinds."""
    if kind not in DOCUMENT_BUILDERS:
        return None
    return DOCUMENT_BUILDERS[kind](page)


def publicly_served(page_id):
    """The page if the public Delivery API would serve it now, else None."""
    page = Page.objects.live().public().filter(pk=page_id).specific().first()
    if page is None or (page.expire_at and page.expire_at <= timezone.now()):
        return None
    return page


def _locale(page_id):
    """The language code of the page's edition; None once the page is deleted."""
    return (
        Page.objects.filter(pk=page_id)
        .values_list("locale__language_code", flat=True)
        .first()
    )


def build(event):
    kind = topics.PAGE_KINDS.get(event.page_type, "page")
    live_page = publicly_served(event.page_id)
    link = api_url(kind, event.page_id)
    data = dict(event.data)
    if event.type == "page.published" and live_page is not None:
        document = live_document(kind, live_page)
        if document is not None:
            data["document"] = document
    data.setdefault("href", link)
    return {
        "id": str(event.uuid),
        "type": topics.topic_for(event),
        "occurred_at": event.occurred_at.isoformat(),
        "page": {
            "id": event.page_id,
            "type": kind,
            "url_path": event.url_path,
            "url": live_page.get_full_url() if live_page is not None else None,
            "api_url": link,
            # The edition, so a receiver can route a change without fetching it.
            "locale": _locale(event.page_id),
        },
        "data": data,
    }
