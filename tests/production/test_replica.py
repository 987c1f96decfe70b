"""
Delivery API reads from a real PostgreSQL streaming replica, and a publish is
never served stale while the replica lags.

``deploy/replica.sh`` starts a primary and a replica (``pg_basebackup -R``)
on free ports; the app runs under gunicorn against both, as in production,
because Django's test databases cannot stand in for a second server that
replays WAL. Lag is made on demand with ``pg_wal_replay_pause()``.
"""

import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import time
from http import HTTPStatus
from pathlib import Path

import psycopg
import pytest
from prometheus_client.parser import text_string_to_metric_families

from .servers import ROOT, VENV_BIN, free_port, get, gunicorn, production_env

PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))
CAN_RUN = (PG_BIN / "initdb").exists() and (
    os.geteuid() != 0 or shutil.which("runuser") is not None
)
pytestmark = pytest.mark.skipif(
    not CAN_RUN, reason=f"needs PostgreSQL server binaries in {PG_BIN}"
)

SETUP = """
import json
from wagtail.models import APIToken
from cms.api.editorial.models import TokenPolicy
from cms.devtools.site_tree import ensure_site_tree
from tests.factories import ArticlePageFactory, UserFactory

tree = ensure_site_tree()
chief = UserFactory(username="chief", is_superuser=True, is_staff=True)
token, plaintext = APIToken.create_token(user=chief, name="replica test")
TokenPolicy.objects.create(token=token, scope="moderate")
article = ArticlePageFactory(parent=tree.news, title="Before the lag", slug="lag")
print("SETUP " + json.dumps({"article": article.pk, "token": plaintext}))
"""


def _script(command, env):
    return subprocess.run(  # noqa: S603 - the project's own script
        [str(ROOT / "deploy" / "replica.sh"), command],
        env=env,
        capture_output=True,
        text=True,
        check=True,
        timeout=180,
    )


@pytest.fixture(scope="module")
def clusters():
    """A primary and its streaming replica, both on free ports; removed afterwards."""
    directory = tempfile.mkdtemp(prefix="cms-replica-")
    ports = {"primary": free_port(), "replica": free_port()}
    env = {
        **os.environ,
        "PG_BIN": str(PG_BIN),
        "REPLICA_DIR": directory,
        "PRIMARY_PORT": str(ports["primary"]),
        "REPLICA_PORT": str(ports["replica"]),
    }
    try:
        _script("start", env)
        with psycopg.connect(
            f"postgresql://postgres@127.0.0.1:{ports['primary']}/postgres",
            autocommit=True,
        ) as connection:
            connection.execute("CREATE DATABASE newsroom")
        yield {
            name: f"postgres://postgres@127.0.0.1:{port}/newsroom"
            for name, port in ports.items()
        }
    finally:
        _script("clean", env)
        shutil.rmtree(directory, ignore_errors=True)


@pytest.fixture(scope="module")
def site(clusters, tmp_path_factory):
    """The app under gunicorn on the primary and the replica, with one live article."""
    env = production_env(
        DATABASE_URL=clusters["primary"], DATABASE_REPLICA_URL=clusters["replica"]
    )
    python = str(VENV_BIN / "python")
    for command in (["migrate", "--noinput"], ["shell", "-c", SETUP]):
        made = subprocess.run(  # noqa: S603 - the project's own manage.py
            [python, "manage.py", *command],
            cwd=ROOT,
            env=env,
            check=False,
            capture_output=True,
            text=True,
            timeout=600,
        )
        assert made.returncode == 0, made.stdout[-3000:] + made.stderr[-3000:]
    line = next(row for row in made.stdout.splitlines() if row.startswith("SETUP "))
    setup = json.loads(line.removeprefix("SETUP "))
    log = tmp_path_factory.mktemp("replica") / "gunicorn.log"
    server = gunicorn(env, free_port(), log).start()
    try:
        yield {**setup, "server": server, **clusters}
    finally:
        server.stop()


def query(url, sql, *params):
    with psycopg.connect(url.replace("postgres://", "postgresql://")) as connection:
        return connection.execute(sql, params).fetchone()


def document_title(url, page_id):
    row = query(
        url, "SELECT title FROM delivery_deliverydocument WHERE page_id = %s", page_id
    )
    return row[0] if row else None


@contextlib.contextmanager
def replay_paused(replica):
    """Stop the replica applying WAL: it lags until the block ends."""
    with psycopg.connect(
        replica.replace("postgres://", "postgresql://"), autocommit=True
    ) as connection:
        connection.execute("SELECT pg_wal_replay_pause()")
        try:
            yield
        finally:
            connection.execute("SELECT pg_wal_replay_resume()")


def reads_from(server, database):
    """How many Delivery API requests read from ``database``, from /metrics."""
    status, _, body = get(f"{server.url}/metrics")
    assert status == HTTPStatus.OK
    for family in text_string_to_metric_families(body.decode()):
        if family.name == "cms_delivery_reads":
            for sample in family.samples:
                if sample.labels.get("database") == database:
                    return sample.value
    return 0


def article(site, route=None):
    """The article from the Delivery API: by id, or by ``route`` ("by-slug/lag/")."""
    route = route or f"{site['article']}/"
    status, _, body = get(f"{site['server'].url}/api/v1/articles/{route}")
    assert status == HTTPStatus.OK, body
    return json.loads(body)


def publish_title(site, title):
    status, _, body = get(
        f"{site['server'].url}/api/editorial/pages/{site['article']}/",
        method="PATCH",
        headers={
            "Authorization": f"Bearer {site['token']}",
            "Content-Type": "application/json",
        },
        data=json.dumps(
            {"meta": {"type": "blog.ArticlePage", "action": "publish"}, "title": title}
        ).encode(),
    )
    assert status == HTTPStatus.OK, body


def wait_for(predicate, timeout=30):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.2)
    return False


def test_delivery_api_reads_from_the_replica_when_it_has_caught_up(site):
    server = site["server"]
    before = reads_from(server, "replica")

    assert article(site)["title"] == "Before the lag"

    assert reads_from(server, "replica") == before + 1


def test_publish_is_not_served_stale_while_the_replica_lags(site):
    server = site["server"]
    assert article(site)["title"] == "Before the lag"

    with replay_paused(site["replica"]):
        publish_title(site, "After the lag")
        primary_reads = reads_from(server, "default")

        # The lag is real: the replica still holds the old document...
        assert document_title(site["replica"], site["article"]) == "Before the lag"
        assert document_title(site["primary"], site["article"]) == "After the lag"
        # ...yet the API answers with the publish, read from the primary.
        assert article(site)["title"] == "After the lag"
        assert article(site, "by-slug/lag/")["title"] == "After the lag"
        assert reads_from(server, "default") >= primary_reads + 1

    assert wait_for(
        lambda: document_title(site["replica"], site["article"]) == "After the lag"
    )
    replica_reads = reads_from(server, "replica")
    # A request the cache has not seen reads from the caught-up replica again.
    assert article(site, "by-path/?path=/news/lag/")["title"] == "After the lag"
    assert reads_from(server, "replica") == replica_reads + 1


def test_publishing_through_the_editorial_api_writes_to_the_primary(site):
    """The replica refuses writes, so a publish that works was written to the primary."""
    with pytest.raises(psycopg.errors.ReadOnlySqlTransaction):
        query(site["replica"], "CREATE TABLE nothing_here (id int)")
    publish_title(site, "Written on the primary")
    assert wait_for(
        lambda: (
            document_title(site["replica"], site["article"]) == "Written on the primary"
        )
    )


def test_metrics_add_up_the_gunicorn_workers_cache_hits(site):
    """Under gunicorn the counters live in PROMETHEUS_MULTIPROC_DIR files."""
    server = site["server"]

    def lookups():
        status, _, body = get(f"{server.url}/metrics")
        assert status == HTTPStatus.OK
        found = {}
        for family in text_string_to_metric_families(body.decode()):
            for sample in family.samples:
                if sample.name == "cms_delivery_cache_lookups_total":
                    found[sample.labels["result"]] = sample.value
                if sample.name == "cms_delivery_cache_hit_ratio":
                    found["ratio"] = sample.value
        return found

    article(site, "by-slug/lag/")
    before = lookups()
    article(site, "by-slug/lag/")
    after = lookups()

    assert after["hit"] == before.get("hit", 0) + 1
    assert after["ratio"] == pytest.approx(
        after["hit"] / (after["hit"] + after["miss"])
    )
