"""
Two tsvector columns on each document, which PostgreSQL's search reads
(``search.entries`` fills them; other databases leave them empty).

The GIN index over them and SQLite's FTS5 table belong to the search app
and are made by its own migration (``search/migrations/0003_search_entries``);
this migration once made them too, so on a database migrated before the
move they already exist and that migration leaves them as they are.
"""

import django.contrib.postgres.search
from django.db import migrations


class Migration(migrations.Migration):
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
    ]
