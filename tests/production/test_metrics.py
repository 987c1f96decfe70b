"""Prometheus metrics at /metrics: what they count, and who may read them."""

from http import HTTPStatus

import pytest
from django.test import override_settings
from prometheus_client.parser import text_string_to_metric_families

from cms.events.models import ContentEvent
from cms.publishing.tasks import refresh_documents
from cms.webhooks.models import WebhookAttempt, WebhookDelivery, WebhookEndpoint
from tests.factories import ArticlePageFactory

PROBLEM_JSON = "application/problem+json"
OUTSIDER = "203.0.113.9"


def scrape(client, **headers):
    response = client.get("/metrics", **headers)
    assert response.status_code == HTTPStatus.OK, response.content
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.content.decode())
        for sample in family.samples
    }


def value(samples, name, **labels):
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


@pytest.fixture
def article(newsroom, django_capture_on_commit_callbacks):
    """A live article with its Delivery API document (built once the publish commits)."""
    with django_capture_on_commit_callbacks(execute=True):
        return ArticlePageFactory(parent=newsroom.news, title="Counted")


def test_metrics_are_refused_to_the_public(client):
    response = client.get("/metrics", REMOTE_ADDR=OUTSIDER)
    assert response.status_code == HTTPStatus.FORBIDDEN
    assert response["Content-Type"] == PROBLEM_JSON
    assert "cms_http_requests" not in response.content.decode()


@pytest.mark.django_db
def test_metrics_answer_loopback_in_the_prometheus_format(client):
    response = client.get("/metrics")
    assert response.status_code == HTTPStatus.OK
    assert response["Content-Type"].startswith("text/plain; version=")
    assert "# TYPE cms_http_request_duration_seconds histogram" in (
        response.content.decode()
    )


@pytest.mark.django_db
@override_settings(METRICS_TOKEN="a-long-scrape-token")
def test_metrics_answer_anyone_with_the_bearer_token(client):
    allowed = client.get(
        "/metrics",
        REMOTE_ADDR=OUTSIDER,
        HTTP_AUTHORIZATION="Bearer a-long-scrape-token",
    )
    wrong = client.get(
        "/metrics", REMOTE_ADDR=OUTSIDER, HTTP_AUTHORIZATION="Bearer guess"
    )
    assert allowed.status_code == HTTPStatus.OK
    assert wrong.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.django_db
@override_settings(METRICS_ALLOWED_IPS=["10.0.0.0/8"])
def test_metrics_answer_the_allowed_network_only(client):
    assert client.get("/metrics", REMOTE_ADDR="10.20.30.40").status_code == 200
    assert client.get("/metrics").status_code == HTTPStatus.FORBIDDEN


def test_metrics_through_an_untrusted_proxy_are_refused_even_from_loopback(client):
    """A proxy on the same host makes every visitor look like 127.0.0.1."""
    response = client.get("/metrics", HTTP_X_FORWARDED_FOR=OUTSIDER)
    assert response.status_code == HTTPStatus.FORBIDDEN


@pytest.mark.django_db
def test_requests_are_counted_by_route_name_not_by_path(client, article):
    before = scrape(client)
    assert client.get(f"/api/v1/articles/{article.pk}/").status_code == 200
    assert client.get("/api/v1/articles/2147483000/").status_code == 404
    after = scrape(client)

    route = "delivery:article_detail"
    for status in ("200", "404"):
        key = {"route": route, "method": "GET", "status": status}
        assert value(after, "cms_http_requests_total", **key) == (
            value(before, "cms_http_requests_total", **key) + 1
        )
    assert value(
        after, "cms_http_request_duration_seconds_count", route=route, method="GET"
    ) == (
        value(
            before, "cms_http_request_duration_seconds_count", route=route, method="GET"
        )
        + 2
    )
    labels = {dict(labels).get("route") for _, labels in after}
    assert not any(label and "/api/" in label for label in labels)


@pytest.mark.django_db
def test_delivery_cache_hits_and_misses_give_the_hit_ratio(client, article):
    before = scrape(client)
    client.get(f"/api/v1/articles/{article.pk}/")
    client.get(f"/api/v1/articles/{article.pk}/")
    after = scrape(client)

    hits = value(after, "cms_delivery_cache_lookups_total", result="hit")
    misses = value(after, "cms_delivery_cache_lookups_total", result="miss")
    assert hits == value(before, "cms_delivery_cache_lookups_total", result="hit") + 1
    assert (
        misses == value(before, "cms_delivery_cache_lookups_total", result="miss") + 1
    )
    assert value(after, "cms_delivery_cache_hit_ratio") == pytest.approx(
        hits / (hits + misses)
    )


@pytest.mark.django_db
@override_settings(
    TASKS={
        "default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"},
        "background": {"BACKEND": "django_tasks_db.DatabaseBackend"},
    }
)
def test_task_queue_depth_counts_tasks_waiting_for_the_worker(client):
    assert value(scrape(client), "cms_task_queue_depth", queue="default") == 0
    refresh_documents.using(backend="background").enqueue([1])
    refresh_documents.using(backend="background").enqueue([2])
    samples = scrape(client)
    assert value(samples, "cms_task_queue_depth", queue="default") == 2
    assert value(samples, "cms_tasks", status="ready") == 2


@pytest.mark.django_db
def test_webhook_deliveries_that_gave_up_are_counted(client):
    event = ContentEvent.objects.create(
        type=ContentEvent.Type.PUBLISHED, page_id=1, page_type="blog.articlepage"
    )
    endpoint = WebhookEndpoint.objects.create(
        name="Frontend", url="https://frontend.example.com/hook", events=["*"]
    )
    delivery = WebhookDelivery.objects.create(
        event=event,
        endpoint=endpoint,
        status=WebhookDelivery.Status.FAILED,
        attempt_count=1,
    )
    WebhookAttempt.objects.create(
        delivery=delivery, number=1, status_code=500, succeeded=False
    )

    samples = scrape(client)

    assert value(samples, "cms_webhook_deliveries", status="failed") == 1
    assert value(samples, "cms_webhook_deliveries", status="pending") == 0
    assert value(samples, "cms_webhook_failed_attempts") == 1
