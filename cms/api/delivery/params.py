"""
Query parameters whose rules the OpenAPI document states as the server applies them.

Some parameters are read as text and checked by the code that uses them
(dates by ``cms.publishing.filters.parse_when``, orders and fields by
``paging``), so that a bad value is a 400 naming it. Their types here carry
the same rules into the document (formats, enums, patterns) without
changing how the value reaches the view: a generated client, or a contract
checker, then knows which values the server accepts.
"""

import re
from typing import Annotated

from ninja import Query
from pydantic import WithJsonSchema

from cms.publishing.editions import FALLBACKS, edition_codes
from search.query import SEARCH_ORDERS

from .paging import ORDERS, SUMMARY_FIELDS

# ``parse_when`` reads a bare date as its whole day, or an RFC 3339 date-time.
DATE_OR_DATE_TIME = {
    "anyOf": [
        {"type": "string", "format": "date"},
        {"type": "string", "format": "date-time"},
    ],
    "description": "A date (YYYY-MM-DD, the whole day) or an RFC 3339 date-time.",
}

DateBound = Annotated[str | None, WithJsonSchema(DATE_OR_DATE_TIME), Query(None)]

Order = Annotated[
    str,
    WithJsonSchema({"type": "string", "enum": list(ORDERS), "default": "-date"}),
    Query("-date"),
]

# ``search.stored``'s orders; the search endpoint answers another with a 400.
SearchOrder = Annotated[
    str,
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(SEARCH_ORDERS),
            "default": "relevance",
            "description": (
                "`relevance`: the newest matches (1,000 by default) best "
                "first, then older matches newest first; every match is "
                "ranked instead when `published_after` or `published_before` "
                "is given. `relevance_all`: every match best first, whatever "
                "its age (slower for common words). `-date` / `date`: newest "
                "or oldest first."
            ),
        }
    ),
    Query("relevance"),
]

# What ``paging.parse_fields`` accepts: names of summary fields, separated by
# commas, blanks around them and empty items ignored.
_FIELD_NAME = "|".join(re.escape(name) for name in SUMMARY_FIELDS)
_FIELD_ITEM = rf"\s*(?:{_FIELD_NAME})?\s*"
FIELDS_PATTERN = rf"^{_FIELD_ITEM}(?:,{_FIELD_ITEM})*$"

Fields = Annotated[
    str | None,
    WithJsonSchema(
        {
            "type": "string",
            "pattern": FIELDS_PATTERN,
            "description": "Summary fields to return, separated by commas: "
            + ", ".join(SUMMARY_FIELDS)
            + ". `id` is always included.",
        }
    ),
    Query(None),
]

# ``publishing.editions.edition`` accepts the configured editions' codes (in
# any case; empty means the default edition): the document lists them as
# configured when the API is loaded.
Locale = Annotated[
    str | None,
    WithJsonSchema(
        {
            "type": "string",
            "enum": edition_codes(),
            "description": "The edition to read: "
            + ", ".join(edition_codes())
            + f" (default: {edition_codes()[0]}).",
        }
    ),
    Query(None),
]

# ``publishing.editions.fallback_choice``: a missing translation is a 404
# unless the client asks for the default edition instead.
Fallback = Annotated[
    str | None,
    WithJsonSchema(
        {
            "type": "string",
            "enum": list(FALLBACKS),
            "default": "none",
            "description": "`default`: serve the default edition when the asked "
            "one has no translation (the answer names its own locale).",
        }
    ),
    Query(None),
]
