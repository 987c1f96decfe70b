"""The Editorial API, with a writer's and an editor's token, never answers 500 or off-schema."""

import pytest
from hypothesis import HealthCheck, settings

from cms.api.editorial.api import api

from .conftest import CHECKS, load_schema

# No snippet model is exposed to the v3 API, so the snippets routes' ``{type}``
# admits only the empty string and no URL can be built for them.
schema = load_schema(api, "/api/editorial/").exclude(path_regex="/snippets/")


@pytest.mark.parametrize("role", ["writer", "editor"])
@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_editorial_api_conforms_to_its_schema(case, role, fuzz_world, db):
    case.call_and_validate(headers=fuzz_world.bearer[role], checks=CHECKS)
