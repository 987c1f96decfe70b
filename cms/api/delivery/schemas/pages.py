from typing import Literal

from ninja import Schema

from .blocks import BodyBlock


class PageSeoSchema(Schema):
    """Search and sharing metadata of a page that is not an article."""

    title: str
    description: str
    canonical_url: str
    noindex: bool


class PageSchema(Schema):
    """
    A public page that is neither article nor author (``home``, ``section``,
    ``author_index``), returned by ``find/`` so any URL can be routed.
    """

    id: int
    type: str
    title: str
    slug: str
    path: str
    url: str
    intro_html: str
    seo: PageSeoSchema
    articles_url: str | None = None
    authors_url: str | None = None


class StandardPageSchema(Schema):
    """
    A standard page (About, Contact, Terms, Ethics, Corrections policy):
    ``type`` is ``standard``, its body typed block by block like an article's.
    """

    id: int
    type: Literal["standard"]
    title: str
    slug: str
    path: str
    url: str
    intro: str
    last_published_at: str | None
    body: list[BodyBlock]
    body_html: str
    seo: PageSeoSchema
