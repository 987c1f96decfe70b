from django.dispatch import receiver
from wagtail.signals import page_published

from blog.models import AuthorPage

from .tasks import reindex_author_articles


@receiver(page_published, sender=AuthorPage)
def reindex_articles_of_published_author(sender, instance, **kwargs):
    """A published bio may carry a new name: the byline's articles must follow."""
    reindex_author_articles.enqueue(instance.pk)
