"""
A simulated mirror: random edits interleaved with sync pulls always ends equal
to the live content, ids and documents.
"""

import pytest
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from blog.models import ArticleIndexPage
from tests.api.test_sync_feed import Mirror, live_set
from tests.factories import ArticlePageFactory, AuthorPageFactory

pytestmark = pytest.mark.django_db

OPERATIONS = st.lists(
    st.one_of(
        st.tuples(st.just("new_article"), st.integers(0, 5)),
        st.tuples(st.just("new_author"), st.just(0)),
        st.tuples(st.just("edit"), st.integers(0, 5)),
        st.tuples(st.just("edit_author"), st.integers(0, 5)),
        st.tuples(st.just("unpublish"), st.integers(0, 5)),
        st.tuples(st.just("unpublish_author"), st.integers(0, 5)),
        st.tuples(st.just("republish"), st.integers(0, 5)),
        st.tuples(st.just("republish_author"), st.integers(0, 5)),
        st.tuples(st.just("delete"), st.integers(0, 5)),
        st.tuples(st.just("delete_author"), st.integers(0, 5)),
        st.tuples(st.just("move"), st.integers(0, 5)),
        st.tuples(st.just("pull"), st.integers(1, 4)),
    ),
    min_size=1,
    max_size=14,
)


class Newsroom:
    """Applies generated operations to real pages, the way editors would."""

    def __init__(self, tree, run):
        self.tree = tree
        self.run = run
        self.articles = []
        self.authors = []
        self.features = None
        self.counter = 0

    def pick(self, pages, index):
        return pages[index % len(pages)] if pages else None

    def apply(self, name, arg):
        self.counter += 1
        getattr(self, name)(arg)

    def new_article(self, arg):
        author = self.pick([a for a in self.authors if a.live], arg)
        self.articles.append(
            self.run(
                ArticlePageFactory,
                parent=self.tree.news,
                title=f"Story {self.counter}",
                authors=[author] if author else [],
            )
        )

    def new_author(self, arg):
        self.authors.append(
            self.run(
                AuthorPageFactory,
                parent=self.tree.authors,
                title=f"Writer {self.counter}",
            )
        )

    def _republish(self, page, **changes):
        for field, value in changes.items():
            setattr(page, field, value)
        self.run(page.save_revision().publish)
        page.refresh_from_db()

    def edit(self, arg):
        if page := self.pick(self.articles, arg):
            self._republish(page, title=f"Story {self.counter} (updated)")

    def edit_author(self, arg):
        if page := self.pick(self.authors, arg):
            self._republish(page, title=f"Writer {self.counter} (renamed)")

    def republish(self, arg):
        if page := self.pick(self.articles, arg):
            self._republish(page)

    def republish_author(self, arg):
        if page := self.pick(self.authors, arg):
            self._republish(page)

    def unpublish(self, arg):
        page = self.pick(self.articles, arg)
        if page and page.live:
            self.run(page.unpublish)
            page.refresh_from_db()

    def unpublish_author(self, arg):
        page = self.pick(self.authors, arg)
        if page and page.live:
            self.run(page.unpublish)
            page.refresh_from_db()

    def delete(self, arg):
        if page := self.pick(self.articles, arg):
            self.articles.remove(page)
            self.run(page.delete)

    def delete_author(self, arg):
        # Only bios without a byline: see docs/sync.md on deleting authors.
        page = self.pick(self.authors, arg)
        if page and not page.article_links.exists():
            self.authors.remove(page)
            self.run(page.delete)

    def move(self, arg):
        page = self.pick(self.articles, arg)
        if page is None:
            return
        if self.features is None:
            self.features = ArticleIndexPage(title="Features", slug="features")
            self.run(self.tree.home.add_child, instance=self.features)
        current = page.get_parent().specific
        target = self.tree.news if current.pk == self.features.pk else self.features
        # treebeard trusts the target's numchild in memory, which earlier
        # moves and deletes have changed only in the database.
        target.refresh_from_db()
        self.run(page.move, target, pos="last-child")
        page.refresh_from_db()


@override_settings(SYNC_SETTLE_SECONDS=0)
@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(operations=OPERATIONS)
# Cases worth checking on every run, whatever else is generated.
@example(
    operations=[
        ("new_author", 0),
        ("new_article", 0),
        ("pull", 4),
        ("edit_author", 0),
        ("unpublish_author", 0),
    ]
)
@example(
    operations=[
        ("new_article", 0),
        ("new_article", 0),
        ("new_article", 0),
        ("pull", 1),
        ("delete", 2),
        ("move", 0),
        ("pull", 1),
        ("unpublish", 1),
        ("republish", 1),
    ]
)
def test_mirror_always_converges_to_the_live_content(
    newsroom, client, django_capture_on_commit_callbacks, operations
):
    def run(change, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return change(*args, **kwargs)

    savepoint = transaction.savepoint()
    try:
        cache.clear()
        newsroom_state = Newsroom(newsroom, run)
        mirror = Mirror(client)
        for name, arg in operations:
            if name == "pull":
                mirror.pull(limit=arg)
            else:
                newsroom_state.apply(name, arg)
        mirror.catch_up(limit=3)
        assert mirror.pages == live_set()
    finally:
        transaction.savepoint_rollback(savepoint)
        cache.clear()
