"""
Who may do what to an article, in each state it can be in: the newsroom's rules
as one table per surface. ``tests/permissions/test_matrix.py`` tries every cell
and fails on any difference.

How to read it
--------------
Every article here was written by "writer". "other writer" is a second writer
(same role, not the author). On the Editorial API each person calls with their
own token: writers' tokens have the ``write`` scope, editors' and
administrators' ``moderate``; "read-only token", "write-scoped token", "expired
token" and "revoked token" are an editor's tokens in those conditions, so they
show what the token itself takes away. Whatever changes what readers see
(publish, unpublish, a copy that stays live, an alias, deleting or moving a
live page) needs the ``moderate`` scope, however the request is spelled.

States: draft (never published) · moderation (submitted, awaiting an editor) ·
live · pending (live, with unpublished changes) · scheduled (approved, goes
live in two days) · private (live, for logged-in readers only).

yes = it happens (or, for a view, the content is shown); no = refused, nothing
changes; - = does not apply in that state (nothing to approve, not live).

Notes an editor-in-chief will ask about:
- Writers can never publish or unpublish, by any route.
- Nothing unpublished ever reaches an anonymous reader: "view draft" on the
  Delivery API is "no" everywhere.
- A scheduled article is locked by Wagtail until it goes live or is unscheduled:
  no one edits or resubmits it, and the editor's "Publish" in the admin is
  refused; publishing it through the Editorial API re-confirms the schedule.
- A writer may move their own article while it is not live (Wagtail's rule
  for page owners), and delete it only while it is a draft: not in review,
  not approved and scheduled. Once live, only editors can do either.
- Writers lock only their own articles (and not while an editor reviews them);
  editors and administrators lock anything.
- The Editorial API is an editing tool: a token sees the pages its user may
  edit. Live pages are public through the Delivery API; so "other writer" sees
  none of writer's articles there, while an anonymous caller sees live ones.
- "view draft" of a live article without changes shows its live version (there
  is no draft); an anonymous Editorial API call gets exactly that.
"""

# The Wagtail admin (and, for "view live", the public site).
ADMIN = """
| action     | role          | draft | moderation | live | pending | scheduled | private |
| view live  | anonymous     | no    | no         | yes  | yes     | no        | no      |
| view live  | writer        | no    | no         | yes  | yes     | no        | yes     |
| view live  | other writer  | no    | no         | yes  | yes     | no        | yes     |
| view live  | editor        | no    | no         | yes  | yes     | no        | yes     |
| view live  | administrator | no    | no         | yes  | yes     | no        | yes     |
| view draft | anonymous     | no    | no         | no   | no      | no        | no      |
| view draft | writer        | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | other writer  | no    | no         | no   | no      | no        | no      |
| view draft | editor        | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | administrator | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | anonymous     | no    | no         | no   | no      | no        | no      |
| preview    | writer        | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | other writer  | no    | no         | no   | no      | no        | no      |
| preview    | editor        | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | administrator | yes   | yes        | yes  | yes     | yes       | yes     |
| edit       | anonymous     | no    | no         | no   | no      | no        | no      |
| edit       | writer        | yes   | no         | yes  | yes     | no        | yes     |
| edit       | other writer  | no    | no         | no   | no      | no        | no      |
| edit       | editor        | yes   | yes        | yes  | yes     | no        | yes     |
| edit       | administrator | yes   | yes        | yes  | yes     | no        | yes     |
| submit     | anonymous     | no    | -          | no   | no      | no        | no      |
| submit     | writer        | yes   | -          | yes  | yes     | no        | yes     |
| submit     | other writer  | no    | -          | no   | no      | no        | no      |
| submit     | editor        | yes   | -          | yes  | yes     | no        | yes     |
| submit     | administrator | yes   | -          | yes  | yes     | no        | yes     |
| approve    | anonymous     | -     | no         | -    | -       | -         | -       |
| approve    | writer        | -     | no         | -    | -       | -         | -       |
| approve    | other writer  | -     | no         | -    | -       | -         | -       |
| approve    | editor        | -     | yes        | -    | -       | -         | -       |
| approve    | administrator | -     | yes        | -    | -       | -         | -       |
| reject     | anonymous     | -     | no         | -    | -       | -         | -       |
| reject     | writer        | -     | no         | -    | -       | -         | -       |
| reject     | other writer  | -     | no         | -    | -       | -         | -       |
| reject     | editor        | -     | yes        | -    | -       | -         | -       |
| reject     | administrator | -     | yes        | -    | -       | -         | -       |
| publish    | anonymous     | no    | no         | no   | no      | no        | no      |
| publish    | writer        | no    | no         | no   | no      | no        | no      |
| publish    | other writer  | no    | no         | no   | no      | no        | no      |
| publish    | editor        | yes   | yes        | yes  | yes     | no        | yes     |
| publish    | administrator | yes   | yes        | yes  | yes     | no        | yes     |
| unpublish  | anonymous     | -     | -          | no   | no      | -         | no      |
| unpublish  | writer        | -     | -          | no   | no      | -         | no      |
| unpublish  | other writer  | -     | -          | no   | no      | -         | no      |
| unpublish  | editor        | -     | -          | yes  | yes     | -         | yes     |
| unpublish  | administrator | -     | -          | yes  | yes     | -         | yes     |
| delete     | anonymous     | no    | no         | no   | no      | no        | no      |
| delete     | writer        | yes   | no         | no   | no      | no        | no      |
| delete     | other writer  | no    | no         | no   | no      | no        | no      |
| delete     | editor        | yes   | yes        | yes  | yes     | yes       | yes     |
| delete     | administrator | yes   | yes        | yes  | yes     | yes       | yes     |
| move       | anonymous     | no    | no         | no   | no      | no        | no      |
| move       | writer        | yes   | yes        | no   | no      | yes       | no      |
| move       | other writer  | no    | no         | no   | no      | no        | no      |
| move       | editor        | yes   | yes        | yes  | yes     | yes       | yes     |
| move       | administrator | yes   | yes        | yes  | yes     | yes       | yes     |
| lock       | anonymous     | no    | no         | no   | no      | no        | no      |
| lock       | writer        | yes   | no         | yes  | yes     | yes       | yes     |
| lock       | other writer  | no    | no         | no   | no      | no        | no      |
| lock       | editor        | yes   | yes        | yes  | yes     | yes       | yes     |
| lock       | administrator | yes   | yes        | yes  | yes     | yes       | yes     |
"""

# The Editorial API (/api/editorial/), each role with its own bearer token.
EDITORIAL_API = """
| action     | role            | draft | moderation | live | pending | scheduled | private |
| view live  | anonymous       | no    | no         | yes  | yes     | no        | no      |
| view live  | writer          | no    | no         | yes  | yes     | no        | yes     |
| view live  | other writer    | no    | no         | no   | no      | no        | no      |
| view live  | editor          | no    | no         | yes  | yes     | no        | yes     |
| view live  | administrator   | no    | no         | yes  | yes     | no        | yes     |
| view live  | read-only token | no    | no         | yes  | yes     | no        | yes     |
| view live  | expired token   | no    | no         | no   | no      | no        | no      |
| view live  | revoked token   | no    | no         | no   | no      | no        | no      |
| view draft | anonymous       | no    | no         | yes  | no      | no        | no      |
| view draft | writer          | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | other writer    | no    | no         | no   | no      | no        | no      |
| view draft | editor          | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | administrator   | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | read-only token | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | write-scoped token | yes   | yes        | yes  | yes     | yes       | yes     |
| view draft | expired token   | no    | no         | no   | no      | no        | no      |
| view draft | revoked token   | no    | no         | no   | no      | no        | no      |
| preview    | anonymous       | no    | no         | no   | no      | no        | no      |
| preview    | writer          | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | other writer    | no    | no         | no   | no      | no        | no      |
| preview    | editor          | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | administrator   | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | read-only token | yes   | yes        | yes  | yes     | yes       | yes     |
| preview    | expired token   | no    | no         | no   | no      | no        | no      |
| preview    | revoked token   | no    | no         | no   | no      | no        | no      |
| edit       | anonymous       | no    | no         | no   | no      | no        | no      |
| edit       | writer          | yes   | no         | yes  | yes     | no        | yes     |
| edit       | other writer    | no    | no         | no   | no      | no        | no      |
| edit       | editor          | yes   | yes        | yes  | yes     | no        | yes     |
| edit       | administrator   | yes   | yes        | yes  | yes     | no        | yes     |
| edit       | read-only token | no    | no         | no   | no      | no        | no      |
| edit       | write-scoped token | yes   | yes        | yes  | yes     | no        | yes     |
| edit       | expired token   | no    | no         | no   | no      | no        | no      |
| edit       | revoked token   | no    | no         | no   | no      | no        | no      |
| submit     | anonymous       | no    | -          | no   | no      | no        | no      |
| submit     | writer          | yes   | -          | yes  | yes     | no        | yes     |
| submit     | other writer    | no    | -          | no   | no      | no        | no      |
| submit     | editor          | yes   | -          | yes  | yes     | no        | yes     |
| submit     | administrator   | yes   | -          | yes  | yes     | no        | yes     |
| submit     | read-only token | no    | -          | no   | no      | no        | no      |
| submit     | expired token   | no    | -          | no   | no      | no        | no      |
| submit     | revoked token   | no    | -          | no   | no      | no        | no      |
| approve    | anonymous       | -     | no         | -    | -       | -         | -       |
| approve    | writer          | -     | no         | -    | -       | -         | -       |
| approve    | other writer    | -     | no         | -    | -       | -         | -       |
| approve    | editor          | -     | yes        | -    | -       | -         | -       |
| approve    | administrator   | -     | yes        | -    | -       | -         | -       |
| approve    | read-only token | -     | no         | -    | -       | -         | -       |
| approve    | expired token   | -     | no         | -    | -       | -         | -       |
| approve    | revoked token   | -     | no         | -    | -       | -         | -       |
| reject     | anonymous       | -     | no         | -    | -       | -         | -       |
| reject     | writer          | -     | no         | -    | -       | -         | -       |
| reject     | other writer    | -     | no         | -    | -       | -         | -       |
| reject     | editor          | -     | yes        | -    | -       | -         | -       |
| reject     | administrator   | -     | yes        | -    | -       | -         | -       |
| reject     | read-only token | -     | no         | -    | -       | -         | -       |
| reject     | expired token   | -     | no         | -    | -       | -         | -       |
| reject     | revoked token   | -     | no         | -    | -       | -         | -       |
| publish    | anonymous       | no    | no         | no   | no      | no        | no      |
| publish    | writer          | no    | no         | no   | no      | no        | no      |
| publish    | other writer    | no    | no         | no   | no      | no        | no      |
| publish    | editor          | yes   | yes        | yes  | yes     | yes       | yes     |
| publish    | administrator   | yes   | yes        | yes  | yes     | yes       | yes     |
| publish    | read-only token | no    | no         | no   | no      | no        | no      |
| publish    | write-scoped token | no    | no         | no   | no      | no        | no      |
| publish    | expired token   | no    | no         | no   | no      | no        | no      |
| publish    | revoked token   | no    | no         | no   | no      | no        | no      |
| unpublish  | anonymous       | -     | -          | no   | no      | -         | no      |
| unpublish  | writer          | -     | -          | no   | no      | -         | no      |
| unpublish  | other writer    | -     | -          | no   | no      | -         | no      |
| unpublish  | editor          | -     | -          | yes  | yes     | -         | yes     |
| unpublish  | administrator   | -     | -          | yes  | yes     | -         | yes     |
| unpublish  | read-only token | -     | -          | no   | no      | -         | no      |
| unpublish  | write-scoped token | -     | -          | no   | no      | -         | no      |
| unpublish  | expired token   | -     | -          | no   | no      | -         | no      |
| unpublish  | revoked token   | -     | -          | no   | no      | -         | no      |
| delete     | anonymous       | no    | no         | no   | no      | no        | no      |
| delete     | writer          | yes   | no         | no   | no      | no        | no      |
| delete     | other writer    | no    | no         | no   | no      | no        | no      |
| delete     | editor          | yes   | yes        | yes  | yes     | yes       | yes     |
| delete     | administrator   | yes   | yes        | yes  | yes     | yes       | yes     |
| delete     | read-only token | no    | no         | no   | no      | no        | no      |
| delete     | write-scoped token | yes   | yes        | no   | no      | yes       | no      |
| delete     | expired token   | no    | no         | no   | no      | no        | no      |
| delete     | revoked token   | no    | no         | no   | no      | no        | no      |
| move       | anonymous       | no    | no         | no   | no      | no        | no      |
| move       | writer          | yes   | yes        | no   | no      | yes       | no      |
| move       | other writer    | no    | no         | no   | no      | no        | no      |
| move       | editor          | yes   | yes        | yes  | yes     | yes       | yes     |
| move       | administrator   | yes   | yes        | yes  | yes     | yes       | yes     |
| move       | read-only token | no    | no         | no   | no      | no        | no      |
| move       | write-scoped token | yes   | yes        | no   | no      | yes       | no      |
| move       | expired token   | no    | no         | no   | no      | no        | no      |
| move       | revoked token   | no    | no         | no   | no      | no        | no      |
| copy keeping live     | write-scoped token | -     | -          | no   | no      | -         | no      |
| copy keeping live     | writer             | -     | -          | no   | no      | -         | no      |
| copy keeping live     | editor             | -     | -          | yes  | yes     | -         | yes     |
| create alias          | write-scoped token | no    | -          | no   | -       | -         | -       |
| create alias          | writer             | no    | -          | no   | -       | -         | -       |
| create alias          | editor             | yes   | -          | yes  | -       | -         | -       |
| publish as text/plain | write-scoped token | no    | no         | no   | no      | no        | no      |
| publish as text/plain | writer             | no    | no         | no   | no      | no        | no      |
| publish as text/plain | editor             | no    | no         | no   | no      | no        | no      |
| lock       | writer          | yes   | no         | yes  | yes     | yes       | yes     |
| lock       | other writer    | no    | no         | no   | no      | no        | no      |
| lock       | editor          | yes   | yes        | yes  | yes     | yes       | yes     |
"""

# The public Delivery API (/api/v1/): anonymous by design.
DELIVERY_API = """
| action     | role      | draft | moderation | live | pending | scheduled | private |
| view live  | anonymous | no    | no         | yes  | yes     | no        | no      |
| view draft | anonymous | no    | no         | no   | no      | no        | no      |
"""

# Actions that do not depend on an article's state.
ANYWHERE = """
| surface       | action            | role            | allowed |
| admin         | create            | anonymous       | no      |
| admin         | create            | writer          | yes     |
| admin         | create            | other writer    | yes     |
| admin         | create            | editor          | yes     |
| admin         | create            | administrator   | yes     |
| admin         | manage webhooks   | anonymous       | no      |
| admin         | manage webhooks   | writer          | no      |
| admin         | manage webhooks   | other writer    | no      |
| admin         | manage webhooks   | editor          | no      |
| admin         | manage webhooks   | administrator   | yes     |
| admin         | manage API tokens | anonymous       | no      |
| admin         | manage API tokens | writer          | no      |
| admin         | manage API tokens | other writer    | no      |
| admin         | manage API tokens | editor          | no      |
| admin         | manage API tokens | administrator   | yes     |
| editorial API | create            | anonymous       | no      |
| editorial API | create            | writer          | yes     |
| editorial API | create            | other writer    | yes     |
| editorial API | create            | editor          | yes     |
| editorial API | create            | administrator   | yes     |
| editorial API | create            | read-only token | no      |
| editorial API | create            | expired token   | no      |
| editorial API | create            | revoked token   | no      |
"""


def rows(table):
    """The table's lines as dictionaries keyed by its header."""
    lines = [line.strip() for line in table.strip().splitlines()]
    split = [[cell.strip() for cell in line.strip("|").split("|")] for line in lines]
    header, *body = split
    return [dict(zip(header, cells, strict=True)) for cells in body]


SURFACE_TABLES = {
    "admin": ADMIN,
    "editorial API": EDITORIAL_API,
    "delivery API": DELIVERY_API,
}
