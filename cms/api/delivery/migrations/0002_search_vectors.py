"""
Full-text vectors on each document (search.vectors), with a GIN index on
PostgreSQL. The index is built concurrently, so a live site keeps serving
while it is created; other databases get the empty columns only.

Existing documents get their vectors from ``manage.py update_search_vectors``
(or ``rebuild_delivery_documents``); until then they are not found by search.
"""

import django.contrib.postgres.search
from django.db import migrations

INDEX_NAME = "delivery_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX_NAME} "
        "ON delivery_deliverydocument USING gin (search_vector)"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")


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
