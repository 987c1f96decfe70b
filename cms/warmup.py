"""
Ready a web process for its first request: load the URL configuration (and
with it both APIs, their schemas and views), then take everything loaded so
far out of the garbage collector's sight.

After start-up a worker holds a couple of hundred thousand objects that live
as long as the process (models, URL patterns, schemas, templates). Every
full collection walked all of them, about 100 ms on a 2-core machine, and
the pause landed on whichever request was running: about 1 % of searches
took 100-400 ms instead of 5. ``gc.freeze()`` moves them to a permanent
generation that collections skip; they were never garbage, and their memory
pages stay shared between forked workers.
"""

import gc

from django.urls import get_resolver


def ready_process():
    """Load the URL configuration, then freeze what start-up made."""
    get_resolver().url_patterns  # noqa: B018 (imports cms.urls and the APIs)
    gc.collect()
    gc.freeze()
