"""Keeping the search index true to what readers see."""

from django_tasks import task
from wagtail.search.backends import get_search_backends

from blog.models import ArticlePage

BATCH_SIZE = 500


@task()
def reindex_author_articles(author_id):
    """
    Re-index every article in ``author_id``'s bylines: their entries hold the
    author's name, so a renamed author is found by the new name. Wagtail only
    re-indexes the page that was published, hence this fan-out.
    """
    articles = (
        ArticlePage.objects.filter(article_authors__author_id=author_id)
        .distinct()
        .prefetch_related("article_authors__author", "topics__names")
        .order_by("pk")
    )
    backends = list(get_search_backends(with_auto_update=True))
    batch = []
    for article in articles.iterator(chunk_size=BATCH_SIZE):
        batch.append(article)
        if len(batch) == BATCH_SIZE:
            for backend in backends:
                backend.add_bulk(ArticlePage, batch)
            batch = []
    if batch:
        for backend in backends:
            backend.add_bulk(ArticlePage, batch)
