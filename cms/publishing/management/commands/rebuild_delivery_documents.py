from django.core.management.base import BaseCommand

from cms.httpcache.caching import bump_generation
from cms.publishing.documents import rebuild_all


class Command(BaseCommand):
    """Render every live article and author to the Delivery API's stored documents."""

    help = "Rebuild the Delivery API's stored documents from live pages."

    def handle(self, *args, **options):
        count = len(rebuild_all())
        bump_generation()
        self.stdout.write(f"Rebuilt {count} delivery documents.")
