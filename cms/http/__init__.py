"""
HTTP primitives every layer above the platform shares: RFC 7807 problems
(``problems``), refusing unreadable request bodies (``bodies``), the state middleware hands on along a request (``state``)
and where the APIs are mounted (``paths``).

Nothing here imports an app of the project.
"""
