"""The Editorial API, with a writer's and an editor's token, never answers 500 or off-schema."""

import pytest
from hypothesis import HealthCheck, settings

from cms.api.editorial.api import api

from .conftest import call_with_every_check, load_schema

schema = load_schema(
    api,
    "/api/editorial/",
    # ``child_of``/``ancestor_of`` name pages that may not exist, ``order``
    # fields a listing may not have, ``search`` a query the backend cannot
    # parse (400); an upload's file may be empty or not an image, a copy's
    # slug taken or not a slug (422). A page write names a parent that may
    # not exist or not take the type, and StreamField items whose value only
    # the named block can judge (400 or 422 naming the field).
    judged_by_content=[
        "pages_list",
        "pages_create",
        "pages_update",
        "pages_actions_copy",
        "pages_actions_create_alias",
        "redirects_list",
        "images_list",
        "documents_list",
        "images_create",
        "images_update",
        "documents_create",
        "documents_update",
    ],
)


@pytest.mark.parametrize("role", ["writer", "editor"])
@schema.parametrize()
@settings(
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_editorial_api_conforms_to_its_schema(case, role, fuzz_world, db):
    call_with_every_check(case, headers=fuzz_world.bearer[role])
