"""
First steps: a database or Redis named in the environment that is missing or
unreachable gets one clear line from ``manage.py`` (which ``make run``,
``make serve`` and ``make worker`` all go through), never a traceback.
"""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import psycopg
import pytest
from psycopg import sql

ROOT = Path(__file__).resolve().parents[2]
POSTGRES = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}
# Nothing listens on port 1.
NOBODY = "127.0.0.1:1"


def postgres_url(name, server=None):
    server = server or f"{POSTGRES['host']}:{POSTGRES['port']}"
    return f"postgres://{POSTGRES['user']}@{server}/{name}"


def database_exists(name):
    with psycopg.connect(dbname="postgres", connect_timeout=3, **POSTGRES) as conn:
        return bool(
            conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [name]
            ).fetchone()
        )


def drop_database(name):
    with psycopg.connect(
        dbname="postgres", connect_timeout=3, autocommit=True, **POSTGRES
    ) as conn:
        conn.execute(sql.SQL("DROP DATABASE IF EXISTS {}").format(sql.Identifier(name)))


@pytest.fixture(scope="module")
def postgres_server():
    try:
        database_exists("postgres")
    except psycopg.OperationalError:
        pytest.skip("no PostgreSQL server on 127.0.0.1:5432")


@pytest.fixture
def missing_database(postgres_server):
    name = f"newsroom_first_run_{uuid.uuid4().hex[:8]}"
    yield name
    drop_database(name)


def manage(*args, settings="cms.settings.dev", **environ):
    """``manage.py`` in a new process, as a newcomer runs it."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DJANGO_SETTINGS_MODULE", "DATABASE_URL", "REDIS_URL"}
    }
    env.update(DJANGO_SETTINGS_MODULE=settings, **environ)
    if settings == "cms.settings.production":
        env.setdefault("SECRET_KEY", "k" * 64)
        env.setdefault("ALLOWED_HOSTS", "127.0.0.1")
    return subprocess.run(  # noqa: S603 - our own interpreter and manage.py
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def one_line(result):
    """The process's only line of complaint, after checking it is alone."""
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    return lines[0]


def test_production_stops_at_a_missing_postgresql_database_saying_what_to_run(
    missing_database,
):
    result = manage(
        "migrate",
        settings="cms.settings.production",
        DATABASE_URL=postgres_url(missing_database),
    )
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith("DATABASE_URL names the PostgreSQL database")
    assert f"`createdb -h 127.0.0.1 -p 5432 -U postgres {missing_database}`" in line
    assert not database_exists(missing_database)


def test_development_creates_a_missing_postgresql_database_and_goes_on(
    missing_database,
):
    result = manage("showmigrations", DATABASE_URL=postgres_url(missing_database))
    assert result.returncode == 0, result.stderr
    assert one_line(result) == (
        f'Created the PostgreSQL database "{missing_database}" named by '
        "DATABASE_URL on 127.0.0.1:5432."
    )
    assert "wagtailcore" in result.stdout
    assert database_exists(missing_database)


def test_unreachable_postgresql_server_is_one_line_naming_database_url():
    result = manage("migrate", DATABASE_URL=postgres_url("newsroom", NOBODY))
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"DATABASE_URL: cannot connect to PostgreSQL at {NOBODY}")
    assert "start PostgreSQL or correct DATABASE_URL" in line


def test_sqlite_file_in_a_folder_that_does_not_exist_is_one_line(tmp_path):
    missing = tmp_path / "no-such-folder" / "db.sqlite3"
    result = manage("migrate", DATABASE_URL=f"sqlite:///{missing}")
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"DATABASE_URL names the SQLite file {missing}")
    assert "does not exist" in line


def test_development_stops_at_an_unreachable_redis_with_one_line(tmp_path):
    result = manage(
        "showmigrations",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://{NOBODY}/0",
    )
    assert result.returncode == 1
    line = one_line(result)
    assert line.startswith(f"REDIS_URL: cannot reach Redis at {NOBODY}")
    assert "unset it to use the local-memory cache" in line


def test_deployment_checks_run_without_reaching_the_database():
    result = manage(
        "check",
        "--deploy",
        settings="cms.settings.production",
        DATABASE_URL=postgres_url("newsroom", NOBODY),
        REDIS_URL=f"redis://{NOBODY}/0",
    )
    assert "DATABASE_URL" not in result.stderr and "REDIS_URL" not in result.stderr
    assert "Traceback" not in result.stderr


def test_production_warns_of_an_unreachable_redis_in_one_line_and_goes_on(tmp_path):
    result = manage(
        "showmigrations",
        settings="cms.settings.production",
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        REDIS_URL=f"redis://{NOBODY}/0",
    )
    assert result.returncode == 0, result.stderr
    assert one_line(result).startswith("Warning: REDIS_URL: cannot reach Redis")
