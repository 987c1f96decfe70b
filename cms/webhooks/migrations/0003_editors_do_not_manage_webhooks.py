"""Webhook endpoints make this server send requests: only Administrators manage them."""

from django.db import migrations

EDITORS = "Editors"
CODENAMES = [
    "add_webhookendpoint",
    "change_webhookendpoint",
    "delete_webhookendpoint",
]


def withdraw(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="webhooks", codename__in=CODENAMES
    )
    for group in Group.objects.filter(name=EDITORS):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("webhooks", "0002_attempts_keep_no_response_body"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(withdraw, migrations.RunPython.noop)]
