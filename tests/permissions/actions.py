"""
How each action of the matrix is attempted on each surface, and how its
outcome is read.

An outcome is read from what happened to the page, not from the status code:
the admin answers a refusal and a success alike with a redirect, and what
matters to the newsroom is whether the page changed. Views are read from the
response: allowed means a 200 that shows the content asked for.
"""

import json
from http import HTTPStatus

from django.test import Client
from django.urls import reverse
from wagtail.models import Page, PageLogEntry, TaskState, WorkflowState

from blog.models import ArticlePage
from tests.admin_forms import article_form_data

from .world import DRAFT_TITLE, LIVE_TITLE

EDITED_TITLE = "Edited headline"


def _latest_title(page):
    return page.get_latest_revision().content["title"]


class Effects:
    """What the database says about a page, before and after an attempt."""

    def __init__(self, page_pk):
        self.exists = Page.objects.filter(pk=page_pk).exists()
        logs = PageLogEntry.objects.filter(page_id=page_pk)
        self.publishes = logs.filter(
            action__in=["wagtail.publish", "wagtail.publish.schedule"]
        ).count()
        self.unpublishes = logs.filter(action="wagtail.unpublish").count()
        self.edits = (
            Page.objects.get(pk=page_pk).revisions.count() if self.exists else 0
        )
        states = WorkflowState.objects.filter(
            base_content_type__model="page", object_id=str(page_pk)
        )
        self.workflows = states.filter(status=WorkflowState.STATUS_IN_PROGRESS).count()
        task_states = TaskState.objects.filter(workflow_state__in=states)
        self.approvals = task_states.filter(status=TaskState.STATUS_APPROVED).count()
        self.rejections = task_states.filter(status=TaskState.STATUS_REJECTED).count()
        self.parent_pk = (
            Page.objects.get(pk=page_pk).get_parent().pk if self.exists else None
        )
        self.articles = ArticlePage.objects.count()
        self.locked = Page.objects.filter(pk=page_pk, locked=True).exists()
        self.live_articles = ArticlePage.objects.live().count()
        self.aliases = Page.objects.filter(alias_of_id=page_pk).count()


# How a change shows in the database, per action.
CHANGED = {
    "create": lambda before, after, world: after.articles > before.articles,
    "edit": lambda before, after, world: after.edits > before.edits,
    "submit": lambda before, after, world: after.workflows > before.workflows,
    "approve": lambda before, after, world: after.approvals > before.approvals,
    "reject": lambda before, after, world: after.rejections > before.rejections,
    "publish": lambda before, after, world: after.publishes > before.publishes,
    "unpublish": lambda before, after, world: after.unpublishes > before.unpublishes,
    "delete": lambda before, after, world: before.exists and not after.exists,
    "move": lambda before, after, world: after.parent_pk == world.world_desk.pk,
    "lock": lambda before, after, world: after.locked and not before.locked,
    "copy keeping live": lambda before, after, world: (
        after.live_articles > before.live_articles
    ),
    "create alias": lambda before, after, world: after.aliases > before.aliases,
    "publish as text/plain": lambda before, after, world: (
        after.publishes > before.publishes
    ),
}


def shows(response, text):
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, response.content
    return response.status_code == HTTPStatus.OK and text in response.content.decode()


# ---------------------------------------------------------------- the admin and site


def admin_client(world, role):
    client = Client()
    user = world.users[role]
    if user is not None:
        client.force_login(user)
    return client


def _workflow_action(page, action):
    state = page.current_workflow_task_state
    return reverse(
        "wagtailadmin_pages:workflow_action", args=(page.pk, action, state.pk)
    )


def _edit_form(world, page, **extra):
    return (
        article_form_data(
            EDITED_TITLE,
            slug=page.slug,
            paragraphs=["Edited."],
            authors=[world.author],
        )
        | extra
    )


def admin_attempt(world, role, action, page):
    """Attempt ``action`` in the Wagtail admin (or on the site, for views)."""
    client = admin_client(world, role)
    edit_url = reverse("wagtailadmin_pages:edit", args=(page.pk,))
    if action == "view live":
        return shows(client.get(page.url), LIVE_TITLE)
    if action == "view draft":
        return shows(client.get(edit_url), _latest_title(page))
    if action == "preview":
        url = reverse("wagtailadmin_pages:view_draft", args=(page.pk,))
        return shows(client.get(url), _latest_title(page))
    if action == "manage webhooks":
        return client.get("/admin/webhooks/").status_code == HTTPStatus.OK
    if action == "manage API tokens":
        return all(
            client.get(url).status_code == HTTPStatus.OK
            for url in ("/admin/api-tokens/", "/admin/api-token-scopes/")
        )
    posts = {
        "create": lambda: client.post(
            reverse(
                "wagtailadmin_pages:add",
                args=("blog", "articlepage", world.tree.news.pk),
            ),
            article_form_data("A new story", authors=[world.author]),
        ),
        "edit": lambda: client.post(edit_url, _edit_form(world, page)),
        "submit": lambda: client.post(
            edit_url, _edit_form(world, page, **{"action-submit": "Submit"})
        ),
        "approve": lambda: client.post(
            _workflow_action(page, "approve"), {"comment": ""}
        ),
        "reject": lambda: client.post(
            _workflow_action(page, "reject"), {"comment": "Needs a second source."}
        ),
        "publish": lambda: client.post(
            edit_url, _edit_form(world, page, **{"action-publish": "Publish"})
        ),
        "unpublish": lambda: client.post(
            reverse("wagtailadmin_pages:unpublish", args=(page.pk,))
        ),
        "lock": lambda: client.post(
            reverse("wagtailadmin_pages:lock", args=(page.pk,))
        ),
        "delete": lambda: client.post(
            reverse("wagtailadmin_pages:delete", args=(page.pk,))
        ),
        "move": lambda: client.post(
            reverse(
                "wagtailadmin_pages:move_confirm",
                args=(page.pk, world.world_desk.pk),
            )
        ),
    }
    return _changed(world, action, page, posts[action])


def _changed(world, action, page, attempt):
    before = Effects(page.pk)
    response = attempt()
    assert response.status_code < HTTPStatus.INTERNAL_SERVER_ERROR, response.content
    return CHANGED[action](before, Effects(page.pk), world)


# ---------------------------------------------------------------- the Editorial API


def api_client(world, role):
    token = world.tokens[role]
    if token is None:
        return Client()
    return Client(HTTP_AUTHORIZATION=f"Bearer {token}")


def editorial_attempt(world, role, action, page):
    """Attempt ``action`` through the Editorial API with ``role``'s token."""
    client = api_client(world, role)
    base = f"/api/editorial/pages/{page.pk}/"

    def post(url, body=None):
        return client.post(
            url, data=json.dumps(body or {}), content_type="application/json"
        )

    if action == "view live":
        return shows(client.get(base), LIVE_TITLE)
    if action == "view draft":
        return shows(client.get(base + "?version=draft"), _latest_title(page))
    if action == "preview":
        response = client.get(base + "preview-token/")
        if response.status_code != HTTPStatus.OK:
            return False
        token = response.json()["token"]
        return shows(
            Client().get("/api/v1/preview/", {"token": token}), _latest_title(page)
        )
    attempts = {
        "create": lambda: post(
            "/api/editorial/pages/",
            {
                "meta": {"type": "blog.ArticlePage", "parent_id": world.tree.news.pk},
                "title": "A new story",
                "slug": "a-new-story",
            },
        ),
        "edit": lambda: client.patch(
            base + "draft/",
            data=json.dumps({"title": EDITED_TITLE}),
            content_type="application/json",
            headers={"If-Match": f'"{page.latest_revision_id}"'},
        ),
        "submit": lambda: post(base + "workflow/submit/"),
        "approve": lambda: post(base + "workflow/approve/", {"comment": ""}),
        "reject": lambda: post(
            base + "workflow/reject/", {"comment": "Needs a second source."}
        ),
        "publish": lambda: post(base + "actions/publish/"),
        "unpublish": lambda: post(base + "actions/unpublish/"),
        "lock": lambda: post(base + "lock/"),
        "delete": lambda: client.delete(base),
        # Without a position, v3 reads the destination as a sibling.
        "move": lambda: post(
            base + "actions/move/",
            {"destination_id": world.world_desk.pk, "position": "last-child"},
        ),
        "copy keeping live": lambda: post(
            base + "actions/copy/", {"slug": f"{page.slug}-copy"}
        ),
        "create alias": lambda: post(
            base + "actions/create_alias/",
            {"destination_id": world.world_desk.pk, "slug": f"{page.slug}-alias"},
        ),
        # The parser reads JSON under any type; the scope check must too.
        "publish as text/plain": lambda: client.patch(
            base,
            data=json.dumps({"meta": {"action": "publish"}, "title": EDITED_TITLE}),
            content_type="text/plain",
        ),
    }
    return _changed(world, action, page, attempts[action])


# ---------------------------------------------------------------- the Delivery API


def delivery_attempt(world, role, action, page):
    """
    What an anonymous caller of the public API can see of the page: "view
    draft" means the unpublished headline shows up anywhere it could leak.
    """
    client = Client()
    if action == "view live":
        return shows(client.get(f"/api/v1/articles/{page.pk}/"), LIVE_TITLE)
    if action == "view draft":
        urls = [
            f"/api/v1/articles/{page.pk}/",
            f"/api/v1/articles/by-slug/{page.slug}/",
            f"/api/v1/articles/by-path/?path=/news/{page.slug}/",
            "/api/v1/articles/?limit=50",
            "/api/v1/search/?q=Unpublished",
            "/api/v1/sync/",
            f"/api/v1/authors/{world.author.pk}/",
        ]
        return any(DRAFT_TITLE in client.get(url).content.decode() for url in urls)
    raise AssertionError(f"the Delivery API has no {action!r}")


SURFACES = {
    "admin": admin_attempt,
    "editorial API": editorial_attempt,
    "delivery API": delivery_attempt,
}
