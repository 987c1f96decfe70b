"""
Property tests for the parsers that read what clients and files send.

``PROPERTY_EXAMPLES`` sets how many inputs each property tries (100 in
``make test``; ``make fuzz`` asks for thousands). Settings are applied per
test rather than through a Hypothesis profile, so the rest of the suite keeps
its own.
"""

import os

from hypothesis import HealthCheck, settings

PROPERTY_EXAMPLES = int(os.environ.get("PROPERTY_EXAMPLES", "100"))

# For properties that need no database: fast, so the full count.
pure = settings(max_examples=PROPERTY_EXAMPLES, deadline=None)
# For properties that go through a view and the test database: slower per
# example, so a fifth of the count, and the function-scoped ``db`` fixture is
# deliberately shared by the examples of one test.
through_views = settings(
    max_examples=max(PROPERTY_EXAMPLES // 5, 10),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
