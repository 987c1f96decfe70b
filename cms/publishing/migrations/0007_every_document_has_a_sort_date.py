"""
Every document has a sort date: lists order by it, cursors carry it, and
search reads the archive in slices of its newest stories bounded by it. A
document stored without one (a page made live without being published) takes
the moment it was last modified.
"""

from django.db import migrations, models
from django.db.models import F


def date_undated_documents(apps, schema_editor):
    Document = apps.get_model("delivery", "DeliveryDocument")
    Document.objects.filter(sort_date__isnull=True).update(
        sort_date=F("last_modified")
    )


class Migration(migrations.Migration):
    dependencies = [("delivery", "0006_editions")]

    operations = [
        migrations.RunPython(date_undated_documents, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="deliverydocument",
            name="sort_date",
            field=models.DateTimeField(verbose_name="sort date"),
        ),
    ]
