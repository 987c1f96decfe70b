from django.core.management.base import BaseCommand, CommandError

from cms.ops.backup import BackupError, restore


class Command(BaseCommand):
    """``manage.py restore <folder>``: put a backup back, into an empty database."""

    help = (
        "Restore a folder written by `manage.py backup` into the database and the "
        "media folder, then check the counts against its manifest. A database "
        "that already has tables is refused unless --force is given."
    )

    def add_arguments(self, parser):
        parser.add_argument("folder", help="A folder written by `manage.py backup`.")
        parser.add_argument(
            "--database", default="default", help="The database alias to restore into."
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Replace what a non-empty database holds.",
        )
        parser.add_argument(
            "--skip-media",
            action="store_true",
            help="Restore the database only, not the media folder.",
        )

    def handle(self, *args, folder, database, force, skip_media, **options):
        try:
            manifest, counts = restore(
                folder, using=database, force=force, media=not skip_media
            )
        except BackupError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{n} {name}" for name, n in counts.items())
        media = "" if skip_media else f" and {manifest['media']['files']} media files"
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the backup of {manifest['created_at']} ({summary}){media}; "
                "the counts match its manifest."
            )
        )
