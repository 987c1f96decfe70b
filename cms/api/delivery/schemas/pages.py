from ninja import Schema


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
