from django.db.models import Count, Q
from django.http import HttpRequest
from ninja import Router

from blog.models import Topic, TopicName
from cms.httpcache.caching import Payload, cached_endpoint, last_change
from cms.publishing.documents import dumps
from cms.publishing.editions import edition
from cms.publishing.links import api_url
from cms.publishing.reading import visible

from ..params import Locale
from ..schemas.topics import TopicListSchema

router = Router(tags=["topics"])


@router.get(
    "/",
    response=TopicListSchema,
    url_name="topic_list",
    summary="List topics with live articles",
    description=(
        "Every topic with at least one live article in one edition, `locale` "
        "(default: the default edition), named in that edition's language "
        "(the topic's own name where it has none), by name, with its count."
    ),
    operation_id="topics_list",
)
@cached_endpoint
def list_topics(request: HttpRequest, locale: Locale = None):
    wanted = edition(locale)
    live_ids = visible("article").filter(locale=wanted).values("page_id")
    topics = (
        Topic.objects.annotate(
            article_count=Count(
                "tagged_articles",
                filter=Q(tagged_articles__content_object_id__in=live_ids),
            )
        )
        .filter(article_count__gt=0)
        .values_list("pk", "name", "slug", "article_count")
    )
    names = dict(
        TopicName.objects.filter(locale__language_code=wanted).values_list(
            "topic_id", "name"
        )
    )
    results = sorted(
        (
            {
                "name": names.get(pk, name),
                "slug": slug,
                "article_count": count,
                "api_url": api_url("articles/", topic=slug, locale=locale and wanted),
            }
            for pk, name, slug, count in topics
        ),
        key=lambda topic: topic["name"].casefold(),
    )
    return Payload(dumps({"count": len(results), "results": results}), last_change())
