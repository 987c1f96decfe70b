import pytest
from django.core.cache import cache

from tests.module_db import rolled_back

from .world import build_world


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """Every state's article and every role's credentials, built once."""
    with rolled_back(django_db_blocker):
        cache.clear()
        yield build_world()


@pytest.fixture(autouse=True)
def _unlimited(settings):
    """Hundreds of attempts from one client: the rate limits are not under test here."""
    settings.API_RATE_LIMIT = "1000000/min"
    settings.API_TOKEN_RATE_LIMIT = "1000000/min"
    settings.API_AUTH_FAILURE_LIMIT = "1000000/min"
