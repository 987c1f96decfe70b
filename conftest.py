"""Fixtures shared by the whole suite: the newsroom's tree, roles, workflow and people."""

import pytest
from django.core.cache import cache
from django.db import connection

from blog.editorial import (
    EDITORS,
    WRITERS,
    ensure_review_workflow,
    ensure_roles,
    newsroom_sections,
)
from cms.devtools.site_tree import ensure_site_tree
from tests.factories import UserFactory


@pytest.fixture(autouse=True)
def _clear_cache():
    """Each test starts with an empty cache, whatever backend the settings chose."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def newsroom(db):
    """The site tree (home, News, Authors) with the three roles and the review workflow."""
    tree = ensure_site_tree()
    groups = ensure_roles(tree.home)
    tree.groups = groups
    tree.workflow = ensure_review_workflow(
        groups[EDITORS], newsroom_sections(tree.home)
    )
    return tree


@pytest.fixture
def writer(newsroom):
    return UserFactory(username="writer", groups=[newsroom.groups[WRITERS]])


@pytest.fixture
def other_writer(newsroom):
    return UserFactory(username="writer2", groups=[newsroom.groups[WRITERS]])


@pytest.fixture
def editor(newsroom):
    return UserFactory(username="editor", groups=[newsroom.groups[EDITORS]])


@pytest.fixture
def administrator(newsroom):
    return UserFactory(username="admin", is_superuser=True, is_staff=True)


@pytest.fixture
def publish():
    """
    Run the Delivery API's reaction to committed content events for the
    changes made inside the ``with`` block, as a real request's commit would.
    """
    from contextlib import contextmanager

    from django.test import TestCase

    @contextmanager
    def run():
        with TestCase.captureOnCommitCallbacks(execute=True):
            yield

    return run


@pytest.fixture
def rebuild(db):
    """Render every live page's document, as ``rebuild_delivery_documents`` does."""
    from cms.httpcache.caching import bump_generation
    from cms.publishing.documents import rebuild_all

    def run():
        rebuild_all()
        bump_generation()

    return run


@pytest.fixture(scope="module")
def leave_the_migrations_data(django_db_blocker):
    """
    A transactional test flushes the database when it ends, and the rows the
    data migrations made (Wagtail's root page, the default site) come back
    only when the next such test starts. After a module of them, put them
    back, so that the tests after it, and a later run with --reuse-db, find
    the database as migrate left it.
    """
    yield
    with django_db_blocker.unblock():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            connection.creation.deserialize_db_from_string(contents)
