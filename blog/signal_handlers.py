"""Signal receivers of the blog app."""

from django.dispatch import receiver
from wagtail.signals import init_new_page

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
