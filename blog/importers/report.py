"""
What an import tells its operator: the summary table, the reasons things
were skipped, the warnings, and the check that the counts match what was
written. Shared by every part of the import.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field


class WordPressImportError(Exception):
    """The import cannot run as asked (no News index, an unreadable author map...)."""


@dataclass
class Report:
    """
    What an import did, for the summary table: per kind of object, how many
    were created, updated, unchanged or skipped; why things were skipped;
    and warnings, each naming the WordPress object it concerns.

    Articles, images and comments are counted through ``wrote``, which also
    notes which object each count stands for, so that ``disagreements`` can
    tell when the counts promise more than was written (two WordPress posts
    that ended up as one page, say).
    """

    dry_run: bool = False
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    statuses: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    # Audio, video and files that bodies play or link: (kind, "imported" or
    # "dropped"), so that none is lost without the summary saying so.
    files: Counter = field(default_factory=Counter)
    written: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))

    KINDS = (
        "authors",
        "topics",
        "images",
        "documents",
        "articles",
        "pages",
        "comments",
        "redirects",
    )
    OUTCOMES = ("created", "updated", "unchanged")
    FILE_KINDS = ("audio", "video", "file")

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def wrote(self, kind, outcome, pk):
        """Count one ``kind`` object as ``outcome``, noting which one it was."""
        self.count(kind, outcome)
        self.written[kind][outcome].add(pk)

    def disagreements(self):
        """
        Where the counts and what was written differ: each count must stand
        for as many distinct objects, and no object may be counted twice.
        """
        found = []
        for kind, outcomes in self.written.items():
            seen = set()
            for outcome in self.OUTCOMES:
                ids = outcomes[outcome]
                counted = self.counts[kind][outcome]
                if counted != len(ids):
                    found.append(
                        f"{counted} {kind} {outcome} but {len(ids)} distinct "
                        f"{'one was' if len(ids) == 1 else 'ones were'} written"
                    )
                if seen & ids:
                    found.append(f"{kind} counted twice: {sorted(seen & ids)}")
                seen |= ids
        return found

    def dropped_files(self):
        """How many audio, video and other files bodies lost, by kind (0 for none)."""
        return {kind: self.files[(kind, "dropped")] for kind in self.FILE_KINDS}

    def skip(self, kind, reason, n=1):
        self.counts[kind]["skipped"] += n
        self.skipped[(kind, reason)] += n

    def warn(self, where, message):
        self.warnings.append(f"{where}: {message}")

    @property
    def changed(self):
        return any(
            self.counts[kind][outcome]
            for kind in self.counts
            for outcome in ("created", "updated")
        )

    def table(self):
        """The summary as lines of text."""
        kinds = list(self.KINDS) + sorted(set(self.counts) - set(self.KINDS))
        lines = [f"{'':<18}{'created':>9}{'updated':>9}{'unchanged':>11}{'skipped':>9}"]
        for kind in kinds:
            row = self.counts.get(kind, Counter())
            lines.append(
                f"{kind[0].upper() + kind[1:]:<18}{row['created']:>9}{row['updated']:>9}"
                f"{row['unchanged']:>11}{row['skipped']:>9}"
            )
        if self.statuses:
            lines.append("")
            lines.append(
                "Articles: "
                + ", ".join(
                    f"{n} {state}" for state, n in sorted(self.statuses.items())
                )
            )
        if self.files:
            imported = ", ".join(
                f"{self.files[(kind, 'imported')]} {kind}" for kind in self.FILE_KINDS
            )
            dropped = sum(self.dropped_files().values())
            lines.append("")
            lines.append(
                f"Audio, video and files in bodies: {imported} kept; {dropped} dropped"
                + (" (each named in the warnings)" if dropped else "")
            )
        if self.skipped:
            lines.append("")
            lines.append("Skipped:")
            for (kind, reason), n in sorted(self.skipped.items()):
                lines.append(f"  {n} {kind}: {reason}")
        if self.warnings:
            lines.append("")
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines.extend(f"  {warning}" for warning in self.warnings)
        if self.dry_run:
            lines.append("")
            lines.append("Dry run: nothing was saved.")
        return lines
