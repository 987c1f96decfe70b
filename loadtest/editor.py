"""
The editor process of ``make loadtest``: it keeps the newsroom busy while the
Delivery API is under load, and checks two promises as it goes.

Each cycle takes a live article, has the writer save an edited title as a
new revision and submit it to the review workflow, and has the editor
approve it, which publishes it: Wagtail's own ``save_revision``,
``Workflow.start`` and ``Task.on_action``, as the admin and the Editorial API
use them. Right after the approval returns, the article is read back from the
Delivery API over HTTP; a title other than the one just published is a stale
read.

The process keeps its own tally (the id of every revision it saved, every
publish, every stale read, every error) and writes it as JSON when it stops,
after ``--cycles`` cycles, ``--duration`` seconds or on SIGTERM. The driver
compares the revision ids with what the database holds afterwards.
"""

import argparse
import json
import os
import re
import signal
import sys
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.production")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import DatabaseError, InterfaceError, connection  # noqa: E402
from wagtail.models import WorkflowState  # noqa: E402

from blog.models import ArticlePage  # noqa: E402

SUFFIX = re.compile(r" \[edit [0-9a-z-]+\]$")


def read_title(api, page_id):
    """The article's title as the Delivery API serves it now, or the HTTP status."""
    url = f"{api}/api/v1/articles/{page_id}/"
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, json.load(response)["title"]
    except urllib.error.HTTPError as error:
        return error.code, None


class Editor:
    """One editing, reviewing and publishing loop, with its tally."""

    def __init__(self, api, label):
        self.api = api.rstrip("/")
        self.label = label
        users = get_user_model().objects
        self.writer = users.get(username="writer")
        self.editor = users.get(username="editor")
        self.revision_ids = []
        self.published = 0
        self.stale_reads = []
        self.check_statuses = {}
        self.errors = {}
        self.uncertain = 0
        self.cycles = 0
        self.rotation = self._rotation()
        self.stopping = False

    def _rotation(self):
        """Live articles with nothing pending, oldest id first."""
        busy = set(
            WorkflowState.objects.filter(
                status__in=[
                    WorkflowState.STATUS_IN_PROGRESS,
                    WorkflowState.STATUS_NEEDS_CHANGES,
                ]
            ).values_list("object_id", flat=True)
        )
        ids = ArticlePage.objects.live().filter(has_unpublished_changes=False)
        return [
            pk
            for pk in ids.order_by("pk").values_list("pk", flat=True)
            if str(pk) not in busy
        ]

    def cycle(self):
        page_id = self.rotation[self.cycles % len(self.rotation)]
        self.cycles += 1
        page = ArticlePage.objects.get(pk=page_id)
        draft = page.get_latest_revision_as_object()
        title = SUFFIX.sub("", draft.title) + f" [edit {self.label}-{self.cycles}]"
        draft.title = title
        saved = False
        try:
            revision = draft.save_revision(user=self.writer)
            saved = True
            self.revision_ids.append(revision.pk)
            page.get_workflow().start(page, self.writer)
            page.refresh_from_db()
            task_state = page.current_workflow_task_state
            task_state.task.specific.on_action(
                task_state, self.editor, "approve", comment=""
            )
        except (DatabaseError, InterfaceError):
            if not saved:
                # The save may have committed before the connection broke.
                self.uncertain += 1
            # A page left half-way through review leaves the rotation.
            self.rotation.remove(page_id)
            raise
        self.published += 1
        status, served = read_title(self.api, page_id)
        self.check_statuses[str(status)] = self.check_statuses.get(str(status), 0) + 1
        if status == 200 and served != title:
            # The time says which step it fell in (a fault, or plain load).
            self.stale_reads.append(
                {
                    "page": page_id,
                    "published": title,
                    "served": served,
                    "at": datetime.now(UTC).strftime("%H:%M:%S.%f")[:-3],
                }
            )

    def run(self, *, cycles, duration, pause):
        """Cycle until told to stop; SIGTERM is honoured between cycles only."""
        deadline = time.monotonic() + duration if duration else None
        while (
            not self.stopping
            and self.rotation
            and (not cycles or self.cycles < cycles)
            and (deadline is None or time.monotonic() < deadline)
        ):
            try:
                self.cycle()
            except (DatabaseError, InterfaceError) as error:
                self._count(error)
                connection.close()
                time.sleep(0.5)
            except OSError as error:  # the API itself unreachable
                self._count(error)
                time.sleep(0.5)
            if pause:
                time.sleep(pause)

    def _count(self, error):
        name = type(error).__name__
        self.errors[name] = self.errors.get(name, 0) + 1

    def tally(self):
        return {
            "cycles": self.cycles,
            "revisions_saved": len(self.revision_ids),
            "revision_ids": self.revision_ids,
            "uncertain_saves": self.uncertain,
            "published": self.published,
            "stale_reads": self.stale_reads,
            "read_back_statuses": self.check_statuses,
            "errors": self.errors,
        }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--api", required=True, help="e.g. http://127.0.0.1:8099")
    parser.add_argument("--out", required=True, help="where to write the tally")
    parser.add_argument("--label", default="lt")
    parser.add_argument("--cycles", type=int, default=0, help="0: until stopped")
    parser.add_argument("--duration", type=float, default=0, help="0: until stopped")
    parser.add_argument("--pause", type=float, default=0.0)
    args = parser.parse_args()

    editor = Editor(args.api, args.label)

    def stop(signum, frame):
        editor.stopping = True

    signal.signal(signal.SIGTERM, stop)
    try:
        editor.run(cycles=args.cycles, duration=args.duration, pause=args.pause)
    finally:
        Path(args.out).write_text(json.dumps(editor.tally(), indent=2))


if __name__ == "__main__":
    main()
