"""
The pages and people the permission matrix is checked against, built once per module.

One article per state, all written by the same writer, under News; a second
section to move them to; and the API tokens each role calls the Editorial
API with.
"""

from datetime import timedelta
from types import SimpleNamespace

from django.utils import timezone
from wagtail.models import APIToken, PageViewRestriction

from blog.models import ArticleIndexPage
from cms.api.editorial.models import TokenPolicy
from cms.publishing.documents import rebuild_all
from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs
from tests.module_db import build_newsroom

STATES = ["draft", "moderation", "live", "pending", "scheduled", "private"]
LIVE_TITLE = "Published headline"
DRAFT_TITLE = "Unpublished headline"


def _token(user, scope, *, expired=False, revoked=False):
    token, plaintext = APIToken.create_token(user=user, name=f"matrix {scope}")
    expires_at = timezone.now() - timedelta(hours=1) if expired else None
    TokenPolicy.objects.create(token=token, scope=scope, expires_at=expires_at)
    if revoked:
        APIToken.objects.filter(pk=token.pk).update(revoked_at=timezone.now())
    return plaintext


def _article(tree, author, writer, state):
    live = state in {"live", "pending", "private"}
    page = ArticlePageFactory(
        parent=tree.news,
        title=LIVE_TITLE if live else DRAFT_TITLE,
        slug=f"{state}-story",
        authors=[author],
        body=paragraphs("Text."),
        live=live,
        owner=writer,
    )
    if state == "moderation":
        page.get_workflow().start(page, writer)
    elif state == "pending":
        page.title = DRAFT_TITLE
        page.save_revision(user=writer)
    elif state == "scheduled":
        page.go_live_at = timezone.now() + timedelta(days=2)
        page.save_revision(user=writer).publish(user=tree.people.editor)
    elif state == "private":
        PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.LOGIN
        )
    page.refresh_from_db()
    return page


def build_world():
    tree = build_newsroom()
    people = tree.people
    author = AuthorPageFactory(parent=tree.authors, title="Sofia Nawab")
    pages = {state: _article(tree, author, people.writer, state) for state in STATES}
    world_desk = tree.home.add_child(
        instance=ArticleIndexPage(title="World", slug="world")
    )
    rebuild_all()
    tokens = {
        "anonymous": None,
        "writer": _token(people.writer, "write"),
        "other writer": _token(people.other_writer, "write"),
        "editor": _token(people.editor, "moderate"),
        "administrator": _token(people.administrator, "moderate"),
        "read-only token": _token(people.editor, "read"),
        "write-scoped token": _token(people.editor, "write"),
        "expired token": _token(people.editor, "moderate", expired=True),
        "revoked token": _token(people.editor, "moderate", revoked=True),
    }
    users = {
        "anonymous": None,
        "writer": people.writer,
        "other writer": people.other_writer,
        "editor": people.editor,
        "administrator": people.administrator,
    }
    return SimpleNamespace(
        tree=tree,
        author=author,
        pages=pages,
        world_desk=world_desk,
        tokens=tokens,
        users=users,
    )
