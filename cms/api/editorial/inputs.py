"""
Refusals for request shapes that Wagtail's v3 views would turn into a 500.

Wagtail reads a page's type from the URL before Ninja validates the path, so
``/pages/0.5/draft/`` reaches the database as ``int("0.5")``; and v3's
paginator hands any ``offset`` to the database, where one past a 64-bit
integer is a database error. Both are the client's mistake and are answered
here, before the view runs, in the same problem+json shape as every other
refusal.
"""

import json

from django.apps import apps
from django.core.exceptions import RequestDataTooBig
from django.utils.translation import gettext as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.models import Page

from .problems import problem

# The largest integer SQLite and PostgreSQL take for an id, OFFSET or LIMIT.
MAX_DATABASE_INTEGER = 2**63 - 1
# Path parameters that are integer primary keys, whatever the route.
INTEGER_PATH_PARAMETERS = {
    "page_id",
    "revision_id",
    "site_id",
    "redirect_id",
    "image_id",
    "document_id",
}
PAGINATION_PARAMETERS = ("offset", "limit")


def is_database_integer(text):
    text = str(text).strip()
    digits = text.removeprefix("-")
    return (
        digits.isascii() and digits.isdigit() and abs(int(text)) <= MAX_DATABASE_INTEGER
    )


def malformed_input_refusal(request, path_kwargs):
    """The problem response for an unusable id or page window, or None."""
    for name, value in path_kwargs.items():
        if name in INTEGER_PATH_PARAMETERS and not is_database_integer(value):
            return problem(
                422,
                _("'%(name)s' must be an integer id.") % {"name": name},
                errors=[{"loc": ["path", name], "msg": "not an integer id"}],
            )
    for name in PAGINATION_PARAMETERS:
        value = request.GET.get(name)
        if value is None or not value.strip().isdigit():
            # Missing, negative or not a number: Ninja's own validation answers.
            continue
        if int(value) > MAX_DATABASE_INTEGER:
            return problem(
                400,
                _("'%(name)s' must be at most %(max)d.")
                % {"name": name, "max": MAX_DATABASE_INTEGER},
                errors=[{"loc": ["query", name], "msg": "too large"}],
            )
    return None


def declared_body_length(request):
    """``Content-Length`` as a number; a header that is not one counts as 0, as Django reads it."""
    try:
        return max(int(request.headers.get("Content-Length") or 0), 0)
    except ValueError:
        return 0


WRITE_METHODS = {"POST", "PUT", "PATCH"}


def _page_model(data, path_kwargs):
    """The page type a write is for: the page in the URL, or ``meta.type`` of a new one."""
    if "page_id" in path_kwargs:
        page = (
            Page.objects.filter(pk=path_kwargs["page_id"]).only("content_type").first()
        )
        return page.specific_class if page is not None else None
    meta = data.get("meta")
    label = meta.get("type") if isinstance(meta, dict) else None
    if not isinstance(label, str) or label.count(".") != 1:
        return None
    try:
        model = apps.get_model(label)
    except LookupError:
        return None
    return model if issubclass(model, Page) else None


def _stream_errors(block, value, loc):
    """
    Where ``value`` is not StreamField JSON that Wagtail can read for
    ``block``: each item an object with a ``type`` and a ``value``, a struct
    block's value an object. A value that is not a list at all is
    left to Wagtail, which refuses it itself.
    """
    if not isinstance(value, list):
        return []
    errors = []
    for index, item in enumerate(value):
        where = [*loc, index]
        if not isinstance(item, dict) or "type" not in item or "value" not in item:
            errors.append(
                {
                    "loc": where,
                    "msg": 'a block must be an object with "type" and "value"',
                }
            )
            continue
        child = block.child_blocks.get(item["type"])
        if child is not None:
            # An unknown type is Wagtail's to refuse (a 422 naming it).
            errors += _value_errors(child, item["value"], [*where, "value"])
    return errors


def _value_errors(block, value, loc):
    if isinstance(block, blocks.StreamBlock):
        return _stream_errors(block, value, loc)
    if isinstance(block, blocks.StructBlock):
        if not isinstance(value, dict):
            return [{"loc": loc, "msg": "a struct block's value must be an object"}]
        errors = []
        for name, child in block.child_blocks.items():
            if name in value:
                errors += _value_errors(child, value[name], [*loc, name])
        return errors
    if isinstance(block, EmbedBlock) and not (value is None or isinstance(value, str)):
        # Wagtail hashes the value as a URL and fails on anything else.
        return [{"loc": loc, "msg": "an embed's value must be a URL (a string)"}]
    return []


def malformed_stream_refusal(request, path_kwargs):
    """
    The problem response for a write whose StreamField JSON Wagtail's
    ``form_data`` cannot read (it assumes the shape, and a missing key would
    surface as a 500), or None.
    """
    if (
        request.method not in WRITE_METHODS
        or request.content_type != "application/json"
    ):
        return None
    try:
        data = json.loads(request.body or b"null")
    except (ValueError, RequestDataTooBig):
        # Not JSON (Ninja answers) or too large (the size limit answers).
        return None
    if not isinstance(data, dict):
        return None
    model = _page_model(data, path_kwargs)
    if model is None:
        return None
    errors = []
    for field in model._meta.get_fields():
        if isinstance(field, StreamField) and field.name in data:
            errors += _stream_errors(field.stream_block, data[field.name], [field.name])
    if not errors:
        return None
    return problem(
        400,
        _(
            "The request body is malformed: every StreamField block must be an "
            'object with "type" and "value".'
        ),
        errors=errors,
    )
