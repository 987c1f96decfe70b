"""
Search entries beside each document (search.entries): on PostgreSQL two
tsvector columns and a GIN index, built concurrently so a live site keeps
serving while it is created; on SQLite an FTS5 table keyed by page id (the
columns stay empty there).

Existing documents get their entries from ``manage.py update_search_entries``
(or ``rebuild_delivery_documents``); until then they are not found by search.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX_NAME = "delivery_search_vector_gin"


FTS_TABLE = "delivery_search"


def create_index(apps, schema_editor):
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


def drop_index(apps, schema_editor):
    vendor = schema_editor.connection.vendor
    if vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")
    elif vendor == "sqlite":
        schema_editor.execute(f"DROP TABLE IF EXISTS {FTS_TABLE}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("delivery", "0001_initial")]

    operations = [
        migrations.AddField(
            model_name="deliverydocument",
            name="search_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="search vector"
            ),
        ),
        migrations.AddField(
            model_name="deliverydocument",
            name="rank_vector",
            field=django.contrib.postgres.search.SearchVectorField(
                editable=False, null=True, verbose_name="rank vector"
            ),
        ),
        migrations.RunPython(create_index, drop_index, elidable=False),
    ]
