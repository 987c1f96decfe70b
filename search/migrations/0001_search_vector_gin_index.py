"""
A GIN index on the expression PostgreSQL search filters by.

Wagtail's PostgreSQL backend matches ``(title || body) @@ query``, while the
GIN indexes its own migrations create are on ``title`` and ``body`` apart, so
every search read every index entry of the model. An index on the very
expression lets PostgreSQL find the matching entries from the index. Built
concurrently, so that a live site keeps indexing while it is created; other
databases have nothing to do.
"""

from django.db import migrations

INDEX_NAME = "search_entry_title_body_gin"


def _table(apps):
    return apps.get_model("wagtailsearch", "IndexEntry")._meta.db_table


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(
        f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {INDEX_NAME} "
        f"ON {_table(apps)} USING gin ((title || body))"
    )


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {INDEX_NAME}")


class Migration(migrations.Migration):
    atomic = False

    dependencies = [("wagtailsearch", "0010_add_text_fields")]

    operations = [migrations.RunPython(create_index, drop_index, elidable=False)]
