from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import BackupError, backup


class Command(BaseCommand):
    """``manage.py backup <folder>``: the database, the media and a manifest."""

    help = (
        "Back up the database (pg_dump -Fc, or SQLite's online backup) and the "
        "media folder into a new folder, with a manifest of what it holds."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A new or empty folder to write into.")
        parser.add_argument(
            "--database", default="default", help="The database alias to back up."
        )

    def handle(self, *args, folder, database, **options):
        try:
            manifest = backup(folder, using=database)
        except BackupError as error:
            raise CommandError(str(error)) from error
        counts = ", ".join(f"{n} {name}" for name, n in manifest["counts"].items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Backed up {manifest['database']['vendor']} ({counts}) and "
                f"{manifest['media']['files']} media files into {folder}."
            )
        )
