"""
How a document's public fields are declared: once, for every use.

A tuple of ``DocumentField`` (``ARTICLE_FIELDS`` in ``representations``) is
the whole public shape of a page in the Delivery API, in order. From it:

- the stored detail document is built (each field's ``read``);
- the list form keeps the fields marked ``summary`` (``summary_names``), which
  are also the names the list's ``?fields=`` accepts;
- the OpenAPI schemas (``cms/api/delivery/schemas``) are generated, each
  field typed by its ``type``.

So a field added to the tuple shows in the detail, the list and the OpenAPI
document together, and a test holds all three to the declaration.
"""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Nested:
    """
    A value shaped by one of the Delivery API's schemas, named here and
    resolved there (the schemas are HTTP's, and this layer imports none).
    """

    schema: str
    many: bool = False
    optional: bool = False


@dataclass(frozen=True)
class DocumentField:
    """
    One key of a document: its name, the type of its value (a Python type
    such as ``str`` or ``int | None``, or ``Nested``), how it is read from
    the page being rendered, whether lists carry it too, and whether the
    stored document does.
    """

    name: str
    type: Any
    read: Callable[[Any], Any]
    summary: bool = True
    # False for a field the API fills in when it answers (an author's
    # article count), so that no stored document goes stale for it.
    stored: bool = True


def summary_names(fields):
    """The names a list item carries, in document order."""
    return tuple(field.name for field in fields if field.summary)


def render(fields, source, *, stored_only=False):
    """
    The document of ``source`` (a rendering context), in declaration order;
    with ``stored_only``, without the fields filled in at request time.
    """
    return {
        field.name: field.read(source)
        for field in fields
        if field.stored or not stored_only
    }


def summarise(fields, document):
    """The list form of ``document``: its summary fields, in order."""
    return {field.name: document[field.name] for field in fields if field.summary}
