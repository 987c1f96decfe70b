"""``manage.py update_search_entries``: write the search entry of every document."""

from django.core.management.base import BaseCommand
from django.db import transaction

from blog.models import ArticlePage, AuthorPage
from cms.publishing.models import DeliveryDocument
from search.entries import store_search_entries, stores_search_entries

BATCH_SIZE = 500


class Command(BaseCommand):
    help = (
        "Write the search entry of every live page's Delivery API document "
        "(PostgreSQL vectors, or SQLite's FTS5 table): after the migration that "
        "added them, or after changing SEARCH_CONFIG. Cheaper than "
        "rebuild_delivery_documents: nothing is re-rendered."
    )

    def handle(self, *args, **options):
        if not stores_search_entries():
            self.stdout.write("Nothing to do: this database searches through Wagtail.")
            return
        total = 0
        for model, page_type, related in (
            (ArticlePage, "article", ("article_authors__author", "topics")),
            (AuthorPage, "author", ()),
        ):
            ids = list(
                DeliveryDocument.objects.filter(page_type=page_type)
                .order_by("page_id")
                .values_list("page_id", flat=True)
            )
            for start in range(0, len(ids), BATCH_SIZE):
                batch = ids[start : start + BATCH_SIZE]
                pages = (
                    model.objects.filter(pk__in=batch)
                    .select_related("locale")
                    .prefetch_related(*related)
                )
                with transaction.atomic():
                    store_search_entries(list(pages))
                total += len(batch)
        self.stdout.write(f"Search entries written for {total:,} documents.")
