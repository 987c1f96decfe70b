"""
``GET /api/v1/preview/?token=...``: the draft a token names, shaped like the live detail.

Mounted on the Delivery API by that API's ``api.py``. The document comes from
the same ``article_document``/``author_document`` functions as the live
endpoints, so a frontend renders preview and live with one code path.
"""

import json

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from ninja import Router
from wagtail.models import Revision

from blog.models import ArticlePage, AuthorPage
from cms.http.problems import problem_response
from cms.pagetypes import page_type_label
from cms.preview.models import PreviewSnapshot
from cms.preview.tokens import PreviewTokenError, read_token
from cms.publishing.representations import article_document, author_document

router = Router(tags=["preview"])


def _private(response):
    # A draft must never be stored by a CDN, a browser or the API's own cache.
    add_never_cache_headers(response)
    patch_cache_control(response, private=True)
    return response


def _refuse(status, detail):
    return _private(problem_response(status=status, detail=detail))


def previewed_page(payload):
    """The in-memory page a valid token names, or None if its content is gone."""
    page_id = payload["p"]
    if "s" in payload:
        snapshot = PreviewSnapshot.objects.filter(
            pk=payload["s"], page_id=page_id
        ).first()
        return snapshot.as_page() if snapshot else None
    revision = (
        Revision.page_revisions.filter(pk=payload["r"], object_id=str(page_id))
        .select_related("content_type")
        .first()
    )
    return revision.as_object() if revision else None


@router.get(
    "/",
    response={200: dict, 401: dict, 403: dict, 404: dict},
    url_name="preview_detail",
    summary="A draft, by preview token",
    description="Exchanges a preview token for the draft it names, in the same "
    "shape as the live article or author detail. Never cached.",
    operation_id="preview_detail",
)
def preview(
    request: HttpRequest,
    token: str,
    content_type: str | None = None,
    page_id: int | None = None,
):
    try:
        payload = read_token(token)
    except PreviewTokenError as exc:
        return _refuse(401, str(exc))
    if page_id is not None and payload["p"] != page_id:
        return _refuse(403, "This preview token is for another page.")
    page = previewed_page(payload)
    if page is None:
        return _refuse(404, "The previewed content no longer exists.")
    if content_type is not None and content_type != page_type_label(page):
        return _refuse(403, "This preview token is for another content type.")
    if isinstance(page, ArticlePage):
        document = article_document(page, request=request)
    elif isinstance(page, AuthorPage):
        document = author_document(page, request=request)
    else:
        return _refuse(404, "Only articles and author bios have a preview.")
    response = HttpResponse(
        json.dumps(document, default=str), content_type="application/json"
    )
    return _private(response)
