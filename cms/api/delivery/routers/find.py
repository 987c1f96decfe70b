from typing import Annotated

from django.http import Http404, HttpRequest
from django.utils import timezone
from ninja import Query, Router
from wagtail.models import Page, Site

from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.pagetypes import page_type_label
from cms.publishing.documents import dumps
from cms.publishing.editions import path_edition, unprefixed
from cms.publishing.reading import visible
from cms.publishing.representations import page_document

from ..schemas.articles import ArticleSchema
from ..schemas.authors import AuthorSchema
from ..schemas.pages import PageSchema, StandardPageSchema
from .articles import normalise_path
from .authors import author_payload

router = Router(tags=["find"])


def _other_page(request, path):
    """A live, public page that has no stored document (home, a section)."""
    site = (
        Site.find_for_request(request)
        or Site.objects.filter(is_default_site=True).first()
    )
    if site is None:
        raise Http404("No site.")
    # Each edition has its own tree: /ar/news/ is the Arabic home's News.
    root = site.root_page
    locale = path_edition(path)
    if locale != root.locale.language_code:
        root = root.get_translations().filter(locale__language_code=locale).first()
        if root is None:
            raise Http404("No published page at this path.")
    url_path = root.url_path + unprefixed(path).lstrip("/")
    page = (
        Page.objects.live()
        .public()
        .filter(url_path=url_path)
        .exclude(expire_at__lte=timezone.now())
        .first()
    )
    if page is None or page.specific_class is None:
        raise Http404("No published page at this path.")
    if page_type_label(page) in {"blog.articlepage", "blog.authorpage"}:
        # A live article or author without a document is not yet visible here.
        raise Http404("No published page at this path.")
    return Payload(dumps(page_document(page)), last_change())


@router.get(
    "/",
    response=ArticleSchema | AuthorSchema | StandardPageSchema | PageSchema,
    url_name="find",
    summary="Find any public page by its URL path",
    description=(
        "Routes a frontend URL in one call: an article's or author's full "
        "document, a standard page (About, Contact, ...) with its typed body, "
        "or a small document for the home page and section indexes. "
        "The `type` field tells which."
    ),
    operation_id="find",
)
@cached_endpoint
def find(request: HttpRequest, path: Annotated[str, Query(max_length=1024)]):
    path = normalise_path(path)
    article = visible("article").filter(live_path=path)
    detail = article.values_list("detail", "last_modified").first()
    if detail is not None:
        return Payload(detail[0], detail[1])
    authors = visible("author").filter(live_path=path)
    if authors.exists():
        return author_payload(authors)
    return _other_page(request, path)
