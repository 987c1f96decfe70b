"""
The newsroom's roles and its review workflow, set up idempotently.

Everything here is expressed with Wagtail's own machinery (groups, page and
collection permissions, ``Workflow`` with a ``GroupApprovalTask``) so the
admin, the APIs and scheduled publishing all enforce the same rules:

- **Writers** add pages and edit the ones they own, submit them for review,
  and lock their own work. They hold no publish permission, so no route
  (admin, API, import, scheduling) lets them publish or unpublish.
- **Editors** edit every page in the newsroom, approve or reject submissions
  with a comment, publish, unpublish, schedule, lock and unlock.
- **Administrators** can do everything, including managing users, tokens and
  settings.
"""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Task,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)
from wagtail.models.pages import get_default_page_content_type

from blog.models.review import EditorApprovalTask

WRITERS = "Writers"
EDITORS = "Editors"
ADMINISTRATORS = "Administrators"
WORKFLOW_NAME = "Editorial review"
TASK_NAME = "Editor approval"
# What Wagtail's installation creates and assigns to the root page.
DEFAULT_WORKFLOW_NAME = "Moderators approval"

PAGE_PERMISSIONS = {
    WRITERS: ["add", "lock"],
    EDITORS: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
    ADMINISTRATORS: ["add", "change", "publish", "lock", "unlock", "bulk_delete"],
}
# Wagtail checks image permissions against ``wagtailimages.Image`` whatever the
# image model; writers may change only the images they uploaded.
IMAGE_PERMISSIONS = {
    WRITERS: ["add_image", "choose_image"],
    EDITORS: ["add_image", "change_image", "choose_image", "delete_image"],
    ADMINISTRATORS: ["add_image", "change_image", "choose_image", "delete_image"],
}
# Documents (court PDFs, podcast episodes, videos) for the document and media
# blocks and document links: writers upload and choose them, and change only
# their own, as with images.
DOCUMENT_PERMISSIONS = {
    WRITERS: ["add_document", "choose_document"],
    EDITORS: ["add_document", "change_document", "choose_document", "delete_document"],
    ADMINISTRATORS: [
        "add_document",
        "change_document",
        "choose_document",
        "delete_document",
    ],
}
MODEL_PERMISSIONS = {
    WRITERS: [
        ("wagtailadmin", "admin", "access_admin"),
        # "Translate" in the page menu: a translation is a draft in review too.
        ("wagtail_localize", "translation", "submit_translation"),
    ],
    EDITORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        ("blog", "authorpage", "change_authorpage_user"),
        ("blog", "topic", "add_topic"),
        ("blog", "topic", "change_topic"),
        ("blog", "topic", "delete_topic"),
        ("blog", "readercomment", "change_readercomment"),
        ("blog", "readercomment", "delete_readercomment"),
        ("wagtailcore", "workflowstate", "add_workflowstate"),
    ],
    ADMINISTRATORS: [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        ("blog", "authorpage", "change_authorpage_user"),
        ("blog", "topic", "add_topic"),
        ("blog", "topic", "change_topic"),
        ("blog", "topic", "delete_topic"),
        ("blog", "readercomment", "change_readercomment"),
        ("blog", "readercomment", "delete_readercomment"),
        ("accounts", "user", "add_user"),
        ("accounts", "user", "change_user"),
        ("accounts", "user", "delete_user"),
        ("auth", "group", "change_group"),
        ("wagtailcore", "apitoken", "add_apitoken"),
        ("wagtailcore", "apitoken", "change_apitoken"),
        ("wagtailcore", "apitoken", "delete_apitoken"),
        ("editorial", "tokenpolicy", "add_tokenpolicy"),
        ("editorial", "tokenpolicy", "change_tokenpolicy"),
        ("editorial", "tokenpolicy", "delete_tokenpolicy"),
        ("wagtailcore", "site", "change_site"),
        ("wagtailcore", "workflow", "add_workflow"),
        ("wagtailcore", "workflow", "change_workflow"),
        ("wagtailcore", "task", "add_task"),
        ("wagtailcore", "task", "change_task"),
        ("home", "frontendsettings", "change_frontendsettings"),
        ("webhooks", "webhookendpoint", "add_webhookendpoint"),
        ("webhooks", "webhookendpoint", "change_webhookendpoint"),
        ("webhooks", "webhookendpoint", "delete_webhookendpoint"),
    ],
}


def _model_permission(app_label, model, codename):
    content_type = ContentType.objects.get_by_natural_key(app_label, model)
    return Permission.objects.get(content_type=content_type, codename=codename)


@transaction.atomic
def ensure_roles(newsroom_root):
    """
    Create or top up the three groups, with permissions on ``newsroom_root`` and below.

    Wagtail's installation creates "Editors" and "Moderators" groups with broad
    rights on the whole tree; the newsroom's Editors take over the first, and
    the second is removed while nobody belongs to it, so that no group grants
    more than this module says.
    """
    Group.objects.filter(name="Moderators", user__isnull=True).delete()
    page_type = get_default_page_content_type()
    root_collection = Collection.get_first_root_node()
    image_type = ContentType.objects.get_by_natural_key("wagtailimages", "image")
    document_type = ContentType.objects.get_by_natural_key("wagtaildocs", "document")
    groups = {}
    for name in (WRITERS, EDITORS, ADMINISTRATORS):
        group, _created = Group.objects.get_or_create(name=name)
        groups[name] = group
        for permission_type in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group,
                page=newsroom_root,
                permission=Permission.objects.get(
                    content_type=page_type, codename=f"{permission_type}_page"
                ),
            )
        for content_type, codenames in (
            (image_type, IMAGE_PERMISSIONS[name]),
            (document_type, DOCUMENT_PERMISSIONS[name]),
        ):
            for codename in codenames:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=Permission.objects.get(
                        content_type=content_type, codename=codename
                    ),
                )
        group.permissions.add(
            *(_model_permission(*spec) for spec in MODEL_PERMISSIONS[name])
        )
    return groups


@transaction.atomic
def ensure_review_workflow(editors, sections):
    """
    The "Editorial review" workflow: one approval task for Editors, assigned to
    every section in ``sections`` (the article indexes and the authors index),
    so each change a writer submits there waits for an editor.
    """
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW_NAME)
    task_type = ContentType.objects.get_for_model(
        EditorApprovalTask, for_concrete_model=False
    )
    task = GroupApprovalTask.objects.filter(name=TASK_NAME).first()
    if task is None:
        task = EditorApprovalTask(name=TASK_NAME, content_type=task_type)
        task.save()
    elif task.content_type_id != task_type.pk:
        # A task made before the newsroom's own type: same row, new type.
        GroupApprovalTask.objects.filter(pk=task.pk).update(content_type=task_type)
    task.groups.add(editors)
    WorkflowTask.objects.get_or_create(
        workflow=workflow, task=task, defaults={"sort_order": 0}
    )
    for section in sections:
        WorkflowPage.objects.update_or_create(
            page=section, defaults={"workflow": workflow}
        )
    retire_default_workflow()
    return workflow


def retire_default_workflow():
    """
    Take Wagtail's installation workflow ("Moderators approval", assigned to
    the root page) out of use, so that the newsroom's review is the only
    workflow a page can go through. It is deactivated, not deleted: its
    history stays readable.
    """
    for workflow in Workflow.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True):
        workflow.deactivate()
    for task in Task.objects.filter(name=DEFAULT_WORKFLOW_NAME, active=True):
        task.specific.deactivate()


def newsroom_sections(home):
    """
    The pages whose subtrees go through review: the home page, so that the
    standard pages under it (About, Corrections policy) do, and the article
    and author indexes, which keep their own assignment.
    """
    from blog.models import ArticleIndexPage, AuthorIndexPage

    return [
        home,
        *Page.objects.descendant_of(home).type(ArticleIndexPage, AuthorIndexPage),
    ]
