"""The Delivery API answers whatever it is sent without a 500 and within its own schema."""

from hypothesis import HealthCheck, settings

from cms.api.delivery.api import api

from .conftest import call_with_every_check, load_schema

schema = load_schema(
    api,
    "/api/v1/",
    judged_by_content=[
        "articles_list",
        "articles_comments_create",
        "search",
        "sync_feed",
        "preview_detail",
    ],
)


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_delivery_api_conforms_to_its_schema(case, fuzz_world, db):
    call_with_every_check(case)
