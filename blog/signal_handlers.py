"""Signal receivers of the blog app."""

from django.dispatch import receiver
from wagtail.models import GroupPagePermission, Page, WorkflowPage
from wagtail.signals import copy_for_translation_done, init_new_page

from blog.models import ArticleAuthor, ArticlePage, AuthorPage


@receiver(init_new_page)
def byline_defaults_to_the_writer(sender, page, parent, **kwargs):
    """
    A new article's byline starts with the author bio linked to the account
    of the person creating it (the page's owner), if there is one.
    """
    if not isinstance(page, ArticlePage) or page.owner_id is None:
        return
    if page.article_authors.exists():
        return
    author = AuthorPage.objects.filter(user_id=page.owner_id).first()
    if author is not None:
        page.article_authors = [ArticleAuthor(author=author)]


@receiver(copy_for_translation_done)
def editions_follow_the_newsroom_rules(sender, source_obj, target_obj, **kwargs):
    """
    A page copied into another edition (by wagtail-localize, the admin's
    "Translate" or ``copy_for_translation``) takes the source page's own
    page permissions and review workflow along: each edition has its own
    tree, and without this an Arabic News section would fall outside the
    groups' rights and the "Editorial review" workflow. Writers therefore
    add and submit translations, and cannot publish them, in every edition.
    """
    if not isinstance(source_obj, Page) or not isinstance(target_obj, Page):
        return
    for grant in GroupPagePermission.objects.filter(page_id=source_obj.pk):
        GroupPagePermission.objects.get_or_create(
            group_id=grant.group_id, page_id=target_obj.pk, permission=grant.permission
        )
    assigned = WorkflowPage.objects.filter(page_id=source_obj.pk).first()
    if assigned is not None:
        WorkflowPage.objects.update_or_create(
            page_id=target_obj.pk, defaults={"workflow_id": assigned.workflow_id}
        )
