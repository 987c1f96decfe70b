import sys
import time

from django.core.management.base import BaseCommand, CommandError

from cms.devtools.generator import (
    BATCH_SIZE,
    DEFAULT_ARTICLES,
    DEFAULT_AUTHORS,
    DEFAULT_IMAGES,
    DEFAULT_TOPICS,
    generate,
)


class ProgressBar:
    """A one-line progress bar on a terminal; a line per tenth elsewhere (logs, CI)."""

    width = 30

    def __init__(self, stream):
        self.stream = stream
        self.started = time.monotonic()
        self.interactive = stream.isatty()
        self.last_tenth = -1

    def __call__(self, done, total):
        elapsed = time.monotonic() - self.started
        rate = done / elapsed if elapsed else 0.0
        remaining = (total - done) / rate if rate else 0.0
        filled = int(self.width * done / total)
        line = (
            f"[{'#' * filled}{'.' * (self.width - filled)}] {done:,}/{total:,} "
            f"articles, {rate:,.0f}/s, {remaining:,.0f}s left"
        )
        if self.interactive:
            self.stream.write("\r" + line + ("\n" if done == total else ""))
            self.stream.flush()
        elif done * 10 // total != self.last_tenth:
            self.last_tenth = done * 10 // total
            self.stream.write(line + "\n")


class Command(BaseCommand):
    """Fill the database with a realistic newsroom for benchmarks (see bench/README.md)."""

    help = (
        "Generate live articles, authors, topics and photos, with revisions, search "
        "entries and Delivery API documents. Only what is missing is created, so a "
        "second run with the same size reuses the data set."
    )

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=DEFAULT_ARTICLES)
        parser.add_argument("--authors", type=int, default=DEFAULT_AUTHORS)
        parser.add_argument("--topics", type=int, default=DEFAULT_TOPICS)
        parser.add_argument("--images", type=int, default=DEFAULT_IMAGES)
        parser.add_argument("--batch-size", type=int, default=BATCH_SIZE)
        parser.add_argument(
            "--translated",
            type=float,
            default=0.0,
            help=(
                "Share of the articles that also get a translation in the second "
                "edition (0.1: one in ten). Default 0."
            ),
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw a progress bar."
        )

    def handle(self, *args, **options):
        for name in ("articles", "authors", "topics", "images", "batch_size"):
            if options[name] < 1:
                raise CommandError(f"--{name.replace('_', '-')} must be at least 1.")
        if not 0 <= options["translated"] <= 1:
            raise CommandError("--translated must be a share between 0 and 1.")
        progress = None if options["no_progress"] else ProgressBar(sys.stderr)
        report = generate(
            articles=options["articles"],
            authors=options["authors"],
            topics=options["topics"],
            batch_size=options["batch_size"],
            images=options["images"],
            progress=progress,
            translated=options["translated"],
        )
        if report.reused:
            self.stdout.write(
                f"Reusing the existing data set: {report.articles_before:,} articles "
                f"already there (asked for {options['articles']:,})."
            )
            return
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {report.articles_created:,} articles and "
                f"{report.authors_created:,} authors in {report.seconds:,.1f}s "
                f"({report.articles_per_second:,.0f} articles/s); "
                f"{report.articles_before + report.articles_created:,} in total; "
                f"{report.translations_created:,} translations created."
            )
        )
