"""
Refusals for request shapes that Wagtail's v3 views would turn into a 500.

Wagtail reads a page's type from the URL before Ninja validates the path, so
``/pages/0.5/draft/`` reaches the database as ``int("0.5")``; and v3's
paginator hands any ``offset`` to the database, where one past a 64-bit
integer is a database error. Both are the client's mistake and are answered
here, before the view runs, in the same problem+json shape as every other
refusal.
"""

from django.utils.translation import gettext as _

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
