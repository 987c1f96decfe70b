"""
The permission matrix: every role, action and state in ``matrix.py`` is tried
on its surface, and the outcome must be exactly the one in the table.

One test per (surface, action, role) row; it tries each state in turn, each
attempt inside a savepoint that is rolled back, against articles built once
for the module.
"""

import pytest
from django.core.cache import cache
from django.db import transaction

from blog.models import ArticlePage

from .actions import SURFACES
from .matrix import ANYWHERE, SURFACE_TABLES, rows
from .world import STATES

pytestmark = pytest.mark.django_db

STATE_ROWS = [
    pytest.param(surface, row, id=f"{surface}: {row['role']} {row['action']}")
    for surface, table in SURFACE_TABLES.items()
    for row in rows(table)
]
ANYWHERE_ROWS = [
    pytest.param(row, id=f"{row['surface']}: {row['role']} {row['action']}")
    for row in rows(ANYWHERE)
]


def attempt(world, surface, role, action, state):
    """Try once, then undo whatever it did, so the next attempt starts alike."""
    with transaction.atomic():
        cache.clear()
        page = ArticlePage.objects.get(pk=world.pages[state].pk)
        happened = SURFACES[surface](world, role, action, page)
        transaction.set_rollback(True)
    return "yes" if happened else "no"


@pytest.mark.parametrize(("surface", "row"), STATE_ROWS)
def test_outcome_in_every_state_is_the_one_in_the_table(surface, row, world):
    expected = {state: row[state] for state in STATES if row[state] != "-"}

    actual = {
        state: attempt(world, surface, row["role"], row["action"], state)
        for state in expected
    }

    assert actual == expected


@pytest.mark.parametrize("row", ANYWHERE_ROWS)
def test_outcome_of_state_independent_actions_is_the_one_in_the_table(row, world):
    actual = attempt(world, row["surface"], row["role"], row["action"], "draft")

    assert actual == row["allowed"]
