"""
The search entries of the stored documents (``search.entries``): on
PostgreSQL a GIN index over each document's search vector, built
concurrently so a live site keeps serving while it is created; on SQLite an
FTS5 table keyed by page id.

``delivery.0002_search_entries`` made both before search owned them, so each
is made only if it is missing. Existing documents get their entries from
``manage.py update_search_entries`` (or ``rebuild_delivery_documents``);
until then they are not found by search.
"""

from django.db import migrations

INDEX_NAME = "delivery_search_vector_gin"
FTS_TABLE = "delivery_search"


def create_entries(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX_NAME} "
            "ON delivery_deliverydocument USING gin (search_vector)"
        )
    elif vendor == "sqlite":
        # One column per weight; the Porter stemmer, as PostgreSQL's English
        # configuration stems; accents folded.
        schema_editor.execute(
            f"CREATE VIRTUAL TABLE IF NOT EXISTS {FTS_TABLE} USING fts5("
            "headline, lead, body, bylines, "
            "tokenize = 'porter unicode61 remove_diacritics 2')"
        )


def drop_entries(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [
        ("search", "0002_sqlite_search_match_index"),
        ("delivery", "0002_search_entries"),
    ]

    operations = [
        migrations.RunPython(create_entries, drop_entries, elidable=False),
    ]
