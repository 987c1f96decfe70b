from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router

from blog.models import Topic
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.documents import dumps
from cms.publishing.links import api_url
from cms.publishing.reading import visible

from ..schemas.topics import TopicListSchema

router = Router(tags=["topics"])


@router.get(
    "/",
    response=TopicListSchema,
    url_name="topic_list",
    summary="List topics with live articles",
    description="Every topic with at least one live article, by name, with its count.",
    operation_id="topics_list",
)
@cached_endpoint
def list_topics(request: HttpRequest):
    live_ids = visible("article").values("page_id")
    topics = (
        Topic.objects.annotate(
            article_count=Count(
                "tagged_articles",
                filter=Q(tagged_articles__content_object_id__in=live_ids),
            )
        )
        .filter(article_count__gt=0)
        .order_by("name")
        .values_list("name", "slug", "article_count")
    )
    results = [
        {
            "name": name,
            "slug": slug,
            "article_count": count,
            "api_url": api_url("articles/", topic=slug),
        }
        for name, slug, count in topics
    ]
    return Payload(dumps({"count": len(results), "results": results}), last_change())
