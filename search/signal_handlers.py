from django.dispatch import receiver
from wagtail.signals import page_published

from blog.models import AuthorPage
from cms.publishing.signals import documents_refreshed

from .entries import remove_search_entries, store_search_entries
from .tasks import reindex_author_articles


@receiver(documents_refreshed)
def keep_search_entries_with_documents(sender, stored, removed, **kwargs):
    """Each stored document is searchable as it now reads; a removed one is not."""
    store_search_entries(stored)
    remove_search_entries(removed)


@receiver(page_published, sender=AuthorPage)
def reindex_articles_of_published_author(sender, instance, **kwargs):
    """A published bio may carry a new name: the byline's articles must follow."""
    reindex_author_articles.enqueue(instance.pk)
