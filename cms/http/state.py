"""
What the middleware learns about a request and hands on to later layers.

Several pieces of the stack decide something about a request that another
one, further down, must know: the edge has counted the caller against the
rate limit (so the throttle must not count again) and looked the response
up in the shared cache (so the endpoint need not look again); the edge or a
probe knows the route before URL resolving does (so the metrics can name
it); the replica router knows which database served the reads. That state
travels in one object, ``request_state(request)``, rather than in loose
attributes that each reader has to know the name of.
"""

from dataclasses import dataclass
from typing import Any

_ATTRIBUTE = "newsroom_state"


@dataclass
class RequestState:
    """
    The request's shared state; every field starts empty.

    - ``cache_lookup``: the shared cache's answer for this request (an
      ``cms.httpcache.caching.Lookup``), set by the edge for cacheable reads.
    - ``rate_checked``: the request has been counted against the API rate
      limit already (by the edge); the throttle lets it through.
    - ``route``: the name the metrics file the request under when URL
      resolving never ran (an edge hit, a probe).
    - ``read_database``: the database alias that served the request's reads
      when it was allowed to use the replica.
    """

    cache_lookup: Any = None
    rate_checked: bool = False
    route: str | None = None
    read_database: str | None = None


def request_state(request):
    """The request's ``RequestState``, made on first use."""
    state = getattr(request, _ATTRIBUTE, None)
    if state is None:
        state = RequestState()
        setattr(request, _ATTRIBUTE, state)
    return state
