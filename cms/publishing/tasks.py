"""Background work of the Delivery API: re-rendering documents that embed a changed thing."""

from django_tasks import task

from cms.httpcache.caching import bump_generation

from .documents import refresh_pages


@task()
def refresh_documents(page_ids):
    """
    Rebuild the stored documents of ``page_ids`` (an author's articles after
    the bio changed, the pages showing an edited image), then retire cached
    responses so the next read sees them.
    """
    try:
        refresh_pages(page_ids)
    finally:
        bump_generation()
