from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from blog.pagination import paginate
from blog.permissions import NewsroomPermissions
from home.seo import SeoFields

from .articles import ArticlePage, Topic
from .authors import AuthorPage
from .expiry import unexpired


class ArticleIndexPage(NewsroomPermissions, SeoFields, Page):
    """
    A section of the site that holds articles ("News", "Features").

    Lists its live articles newest first, ten to a page, and filters them by
    topic with ``?topic=<slug>``.
    """

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.ArticlePage"]
    articles_per_page = 10

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("article index")
        verbose_name_plural = _("article indexes")

    def articles(self):
        return (
            ArticlePage.objects.child_of(self)
            .readable()
            .newest_first()
            .with_listing_relations()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        articles = self.articles()
        topic = None
        slug = request.GET.get("topic")
        if slug:
            topic = Topic.objects.filter(slug=slug).first()
            articles = (
                articles.filter(tagged_topics__tag=topic) if topic else articles.none()
            )
        context["topic"] = topic
        context["topic_slug"] = slug
        context["articles"] = paginate(request, articles, self.articles_per_page)
        return context


class AuthorIndexPage(NewsroomPermissions, SeoFields, Page):
    """The "Authors" page: every author bio, in alphabetical order."""

    parent_page_types = ["home.HomePage"]
    subpage_types = ["blog.AuthorPage"]

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    class Meta:
        verbose_name = _("author index")
        verbose_name_plural = _("author indexes")

    def authors(self):
        return (
            AuthorPage.objects.child_of(self)
            .live()
            .public()
            .filter(unexpired())
            .select_related("photo")
            .order_by("title")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["authors"] = self.authors()
        return context
