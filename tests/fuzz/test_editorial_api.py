"""The Editorial API, with a writer's and an editor's token, never answers 500 or off-schema."""

import pytest
from hypothesis import HealthCheck, settings

from cms.api.editorial.api import api

from .conftest import call_with_every_check, load_schema

schema = load_schema(api, "/api/editorial/")


@pytest.mark.parametrize("role", ["writer", "editor"])
@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_editorial_api_conforms_to_its_schema(case, role, fuzz_world, db):
    call_with_every_check(case, headers=fuzz_world.bearer[role])
