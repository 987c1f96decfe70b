"""
A web process loads its URL configuration and freezes what start-up made
before its first request, so full garbage collections (about 100 ms over a
Django process's start-up objects) no longer land on requests.
"""

import json
import subprocess
import sys
from pathlib import Path

from .servers import production_env

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import gc, json, sys
import cms.wsgi
gc.collect()
print(json.dumps({
    "frozen": gc.get_freeze_count(),
    "left": len(gc.get_objects()),
    "urls_loaded": "cms.urls" in sys.modules,
}))
"""


def test_a_wsgi_worker_starts_with_its_start_up_objects_frozen(tmp_path):
    env = production_env(DATABASE_URL=f"sqlite:///{tmp_path / 'warmup.sqlite3'}")

    probe = subprocess.run(  # noqa: S603 - our own interpreter and probe
        [sys.executable, "-c", PROBE],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    state = json.loads(probe.stdout.splitlines()[-1])

    assert state["urls_loaded"]
    # What a full collection still walks is a small part of what start-up made.
    assert state["frozen"] > 50_000
    assert state["left"] < state["frozen"] / 10
