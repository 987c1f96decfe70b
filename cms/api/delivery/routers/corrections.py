from typing import Annotated, Literal

from django.http import HttpRequest
from ninja import Query, Router

from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.corrections import log_page, published_corrections
from cms.publishing.documents import dumps
from cms.publishing.links import api_url

from ..paging import MAX_LIMIT
from ..schemas.corrections import CorrectionListSchema

router = Router(tags=["corrections"])

CorrectionType = Literal["correction", "clarification", "update", "editors_note"]


def _page_link(request, offset):
    params = request.GET.copy()
    params.pop("offset", None)
    if offset:
        params["offset"] = str(offset)
    query = params.urlencode()
    return api_url("corrections/") + (f"?{query}" if query else "")


@router.get(
    "/",
    response=CorrectionListSchema,
    url_name="correction_list",
    summary="The newsroom's corrections log",
    description=(
        "Corrections, clarifications, updates and editor's notes published on "
        "live articles, newest first, each with the article it was made to. "
        "`type` keeps one kind."
    ),
    operation_id="corrections_list",
)
@cached_endpoint
def list_corrections(
    request: HttpRequest,
    type: CorrectionType | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0)] = 0,
):
    entries = published_corrections(kind=type)
    count = entries.count()
    results = log_page(entries[offset : offset + limit])
    body = {
        "count": count,
        "next": _page_link(request, offset + limit) if offset + limit < count else None,
        "previous": _page_link(request, max(offset - limit, 0)) if offset else None,
        "results": results,
    }
    return Payload(dumps(body), last_change())
