"""
Rendering many documents at once, reading shared parts once.

Rendering a batch of articles (the generator, re-rendering every article an
author or image appears in) meets the same few photographs, author portraits
and bylines again and again, and each build costs queries. Inside
``rendering_in_batch()`` such a part is built once per key and copied after;
outside it every call builds afresh, as a single publish must.

Only for work that renders from one moment's data: a part edited inside the
block keeps the copy built before the edit.
"""

import copy
from contextlib import contextmanager
from contextvars import ContextVar

_built = ContextVar("parts_built_in_batch", default=None)


@contextmanager
def rendering_in_batch():
    """Within this block, ``reused`` builds each part once."""
    token = _built.set({})
    try:
        yield
    finally:
        _built.reset(token)


def reused(kind, key, build):
    """
    ``build()``, or inside ``rendering_in_batch`` a copy of what it returned
    for the same ``kind`` and ``key`` earlier in the block. Copies, so that a
    caller changing its document never changes another's.
    """
    return reused_many(kind, [key], lambda _keys: {key: build()})[key]


def reused_many(kind, keys, build_missing):
    """
    The parts for ``keys``, as a dict: ``build_missing(keys)`` builds those
    not built earlier in the block in one go (one query for several authors,
    say), and every part is copied out as in ``reused``. Outside a block it
    builds them all.
    """
    built = _built.get()
    if built is None:
        return build_missing(list(keys))
    missing = [key for key in keys if (kind, key) not in built]
    if missing:
        fresh = build_missing(missing)
        for key in missing:
            built[kind, key] = fresh.get(key)
    return {key: copy.deepcopy(built[kind, key]) for key in keys}
