"""Dashboard panels for the Wagtail admin."""

from django.conf import settings
from laces.components import Component

from blog.models import ArticlePage

MY_ARTICLES_LIMIT = getattr(settings, "NEWSROOM_MY_ARTICLES_LIMIT", 10)


class MyArticlesPanel(Component):
    """
    "My articles": every article whose byline carries the signed-in writer's
    author bio, in any state (draft, in review, scheduled, live), newest
    first. This is why an ``AuthorPage`` can be linked to a user account: a
    writer's byline is not always on pages they created themselves.
    """

    name = "my_articles"
    template_name = "blog/admin/my_articles_panel.html"
    order = 90

    def __init__(self, author):
        self.author = author

    def get_context_data(self, parent_context):
        context = super().get_context_data(parent_context)
        context["author"] = self.author
        context["articles"] = (
            ArticlePage.objects.by_author(self.author)
            .prefetch_workflow_states()
            .annotate_approved_schedule()
            .order_by("-latest_revision_created_at")
            .distinct()[:MY_ARTICLES_LIMIT]
        )
        context["request"] = parent_context["request"]
        return context
