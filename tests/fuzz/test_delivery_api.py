"""The Delivery API answers whatever it is sent without a 500 and within its own schema."""

from hypothesis import HealthCheck, settings

from cms.api.delivery.api import api

from .conftest import CHECKS, load_schema

schema = load_schema(api, "/api/v1/")


@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_delivery_api_conforms_to_its_schema(case, fuzz_world, db):
    case.call_and_validate(checks=CHECKS)
