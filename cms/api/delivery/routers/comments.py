"""
Reader comments on live articles: the approved threads, and posting a new
comment or reply for moderation.

Reading is cached like every Delivery API response. Posting never is: its
answer says ``no-store``, it bypasses the response cache, and a comment held
for moderation changes nothing readers see, so it retires no cached response.
"""

import json
from typing import Annotated

from django.http import Http404, HttpRequest, HttpResponse
from ninja import Path, Query, Router

from blog.forms import ReaderCommentForm, commenter_ip, count_comment_attempt
from blog.models import ReaderComment
from cms.http.problems import problem_response as problem
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.documents import dumps
from cms.publishing.links import api_url
from cms.publishing.reading import visible

from ..paging import MAX_LIMIT
from ..schemas.comments import (
    CommentAcceptedSchema,
    CommentInputSchema,
    CommentListSchema,
)

router = Router(tags=["comments"])

ArticleId = Annotated[int, Path(ge=1, le=2**31 - 1)]
# The form's field names, as the API calls them.
API_NAMES = {"parent": "parent_id", "__all__": "request"}


def _live_article(article_id):
    if not visible("article").filter(page_id=article_id).exists():
        raise Http404("No published article here.")


def _comment(comment):
    return {
        "id": comment.pk,
        "parent_id": comment.parent_id,
        "name": comment.name,
        "website": comment.public_website,
        "body": comment.body,
        "created_at": comment.created_at.isoformat(),
        "replies": [_comment(reply) for reply in comment.thread_replies],
    }


def _page_link(article_id, offset, limit):
    return api_url(f"articles/{article_id}/comments/", offset=offset, limit=limit)


@router.get(
    "/{article_id}/comments/",
    response=CommentListSchema,
    url_name="article_comments",
    summary="Approved comments on a live article, threaded",
    description=(
        "Top-level comments oldest first, a page at a time, each with its "
        "approved replies nested under `replies`. Comments awaiting "
        "moderation, rejected or marked as spam never appear."
    ),
    operation_id="articles_comments_list",
)
@cached_endpoint
def list_comments(
    request: HttpRequest,
    article_id: ArticleId,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Query(ge=0, le=2**31 - 1)] = 0,
):
    _live_article(article_id)
    threads = ReaderComment.objects.threads(article_id, offset=offset, limit=limit)
    body = dumps(
        {
            "count": threads.count,
            "comment_count": threads.comment_count,
            "next": _page_link(article_id, offset + limit, limit)
            if offset + limit < threads.count
            else None,
            "previous": _page_link(article_id, max(offset - limit, 0) or None, limit)
            if offset
            else None,
            "results": [_comment(comment) for comment in threads.comments],
        }
    )
    return Payload(body, last_change())


def _no_store(response):
    response["Cache-Control"] = "no-store"
    return response


def _refusal(form):
    """The problem+json answer for a comment the form refused."""
    invalid_params = [
        {"name": API_NAMES.get(field, field), "reason": str(message)}
        for field, messages in form.errors.items()
        for message in messages
    ]
    if form.has_error_code("duplicate"):
        return problem(
            409, "This comment has already been posted.", invalid_params=invalid_params
        )
    return problem(
        422, "The comment cannot be accepted.", invalid_params=invalid_params
    )


@router.post(
    "/{article_id}/comments/",
    response={202: CommentAcceptedSchema},
    summary="Post a comment or reply for moderation",
    description=(
        "The comment is held until an editor approves it; the answer is 202 "
        "with a receipt. 400: malformed request; 404: no such live article; "
        "409: the same comment was already posted; 422: the comment breaks a "
        "rule (length, links, e-mail, a reply to a comment that is not an "
        "approved comment of this article), with `invalid_params`; 429: too "
        "many comments from this address, see `Retry-After`."
    ),
    operation_id="articles_comments_create",
)
def post_comment(request: HttpRequest, article_id: ArticleId, data: CommentInputSchema):
    verdict = count_comment_attempt(request)
    if not verdict.allowed:
        response = problem(429, "Too many comments from this address. Try again later.")
        response["Retry-After"] = str(verdict.retry_after)
        return _no_store(response)
    _live_article(article_id)
    form = ReaderCommentForm(
        {
            "name": data.name,
            "email": data.email,
            "body": data.body,
            "website": data.website,
            "parent": data.parent_id,
            "website_confirm": data.website_confirm,
        },
        article_id=article_id,
    )
    if not form.is_valid():
        return _no_store(_refusal(form))
    comment = form.submit(ip_address=commenter_ip(request))
    receipt = {
        "id": comment.pk,
        "article_id": article_id,
        "parent_id": comment.parent_id,
        "status": ReaderComment.Status.PENDING.value,
        "detail": "Thank you. Your comment will appear once an editor approves it.",
    }
    response = HttpResponse(
        json.dumps(receipt), status=202, content_type="application/json"
    )
    return _no_store(response)
