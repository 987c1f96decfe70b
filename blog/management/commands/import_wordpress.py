import csv
import json
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from blog.importers.wordpress import WordPressImporter, WordPressImportError
from blog.importers.wxr import WXRError


def read_author_map(path):
    """
    WordPress logins to usernames here, from JSON (``{"wp_login": "username"}``)
    or CSV (two columns, ``wp_login,username``, an optional header row).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except OSError as error:
        raise CommandError(f"Cannot read the author map {path}: {error}") from error
    if path.suffix.lower() == ".json" or text.lstrip().startswith("{"):
        try:
            data = json.loads(text)
        except ValueError as error:
            raise CommandError(
                f"The author map {path} is not valid JSON: {error}"
            ) from error
        if not isinstance(data, dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in data.items()
        ):
            raise CommandError(
                f"The author map {path} must be one object of login: username pairs."
            )
        return data
    mapping = {}
    for number, row in enumerate(csv.reader(text.splitlines()), start=1):
        if not row or not "".join(row).strip():
            continue
        if len(row) != 2:
            raise CommandError(
                f"The author map {path}, line {number}: expected 'wp_login,username'."
            )
        login, username = (cell.strip() for cell in row)
        if number == 1 and (login, username) == ("wp_login", "username"):
            continue
        mapping[login] = username
    return mapping


class Command(BaseCommand):
    help = (
        "Import a WordPress export (WXR file): posts become articles, authors "
        "author bios, categories and tags topics, attachments images, comments "
        "reader comments, and old permalinks redirects. Safe to run again: "
        "it updates what it imported before and never duplicates it."
    )

    def add_arguments(self, parser):
        parser.add_argument("export", help="The WXR file exported from WordPress.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Do everything, report it, then roll it all back.",
        )
        parser.add_argument(
            "--media-dir",
            help="A local copy of wp-content/uploads (remote files are never fetched).",
        )
        parser.add_argument(
            "--author-map",
            help="JSON or CSV file mapping WordPress logins to usernames here.",
        )
        parser.add_argument(
            "--index",
            help="Slug or path of the article index to import into (default: news).",
        )

    def handle(self, *args, export, dry_run, media_dir, author_map, index, **options):
        export = Path(export)
        if not export.is_file():
            raise CommandError(f"No such file: {export}")
        if media_dir and not Path(media_dir).is_dir():
            raise CommandError(f"--media-dir {media_dir} is not a folder.")
        mapping = read_author_map(author_map) if author_map else {}
        show_progress = options["verbosity"] > 0

        def progress(iterable, **kwargs):
            return tqdm(iterable, disable=not show_progress, leave=False, **kwargs)

        importer = WordPressImporter(
            export,
            media_dir=media_dir,
            author_map=mapping,
            index=index,
            dry_run=dry_run,
            progress=progress,
        )
        try:
            report = importer.run()
        except WXRError as error:
            raise CommandError(f"{export}: {error}. Nothing was imported.") from error
        except WordPressImportError as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        for line in report.table():
            self.stdout.write(line)
        if not dry_run:
            self.stdout.write(self.style.SUCCESS("Import complete."))
