"""
Data built once per test module, for suites whose every test reads the same world.

Building a newsroom with its pages and revisions takes seconds; a module of
fuzzed operations or a permission matrix of hundreds of cases would spend
minutes rebuilding it. ``module_newsroom`` builds it once inside an outer
transaction that is rolled back when the module ends. Each test still runs in
its own savepoint (pytest-django's ``db``), so nothing one test changes is
seen by the next.
"""

from contextlib import contextmanager
from types import SimpleNamespace

from django.db import transaction
from wagtail.models import APIToken

from blog.editorial import (
    EDITORS,
    WRITERS,
    ensure_review_workflow,
    ensure_roles,
    newsroom_sections,
)
from cms.api.editorial.models import TokenPolicy
from cms.devtools.site_tree import ensure_site_tree
from tests.factories import UserFactory


@contextmanager
def rolled_back(django_db_blocker):
    """Everything written inside is undone on exit, whatever happens."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            yield
        finally:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def build_newsroom():
    """The site tree, roles, review workflow and one account per role."""
    tree = ensure_site_tree()
    tree.groups = ensure_roles(tree.home)
    tree.workflow = ensure_review_workflow(
        tree.groups[EDITORS], newsroom_sections(tree.home)
    )
    tree.people = SimpleNamespace(
        writer=UserFactory(username="writer", groups=[tree.groups[WRITERS]]),
        other_writer=UserFactory(username="writer2", groups=[tree.groups[WRITERS]]),
        editor=UserFactory(username="editor", groups=[tree.groups[EDITORS]]),
        administrator=UserFactory(username="admin", is_superuser=True, is_staff=True),
    )
    return tree


def api_token(user, scope):
    """A bearer token for ``user`` with an Editorial API ``scope``; its plaintext."""
    token, plaintext = APIToken.create_token(user=user, name=f"{scope} token")
    TokenPolicy.objects.create(token=token, scope=scope)
    return plaintext
