"""
Where an import puts its pages: the article index (``--index``, else the
site's "news" index), the authors index and their site; a free slug under
either; and publishing through Wagtail's own ``EditPageAction``.
"""

from wagtail.actions.edit_page import EditPageAction

from blog.models import ArticleIndexPage, AuthorIndexPage

from .report import WordPressImportError


class Destination:
    """The article index, the authors index and the site of one import."""

    def __init__(self, index_name=None):
        self.news = self._article_index(index_name)
        self.authors_index = AuthorIndexPage.objects.first()
        if self.authors_index is None:
            raise WordPressImportError(
                "There is no Authors index (AuthorIndexPage) to put the authors under."
            )
        self.site = self.news.get_site()
        self._taken_slugs = {}

    @staticmethod
    def _article_index(index_name):
        indexes = ArticleIndexPage.objects.all()
        if index_name:
            wanted = index_name.strip("/")
            for index in indexes:
                path = index.url_path.strip("/")
                if (
                    index.slug == wanted
                    or path == wanted
                    or path.endswith(f"/{wanted}")
                ):
                    return index
            raise WordPressImportError(
                f"No article index matches --index {index_name!r}."
            )
        index = indexes.filter(slug="news").first() or indexes.first()
        if index is None:
            raise WordPressImportError(
                "There is no article index (e.g. 'News') to import the articles into."
            )
        return index

    def free_slug(self, parent, base):
        """``base``, or ``base-2``, ``base-3``... whichever no sibling has yet."""
        taken = self._taken_slugs.get(parent.pk)
        if taken is None:
            taken = set(parent.get_children().values_list("slug", flat=True))
            self._taken_slugs[parent.pk] = taken
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    @staticmethod
    def publish(page):
        # Checked here rather than by EditPageAction's full_clean: an embed's
        # validation fetches it from its provider, and an import must not
        # fail because a tweet was deleted years ago. Page.clean still checks
        # the slug, and computes the article's word count.
        page.clean()
        EditPageAction(page, publish=True, clean=False).execute(
            skip_permission_checks=True
        )
