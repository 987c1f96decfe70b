"""
Backups of the whole newsroom: the database, the media files and a manifest.

A backup is a folder:

- ``database.dump`` (PostgreSQL, ``pg_dump -Fc``) or ``database.sqlite3``
  (SQLite, a copy made with SQLite's online backup API, consistent even while
  the site writes to the file);
- ``media.tar.gz``: every uploaded image and document, and their renditions,
  read from the configured media storage (the local media folder, or the S3
  bucket with ``MEDIA_STORAGE=s3``); the manifest names the storage it came
  from, and a restore writes the files back into the configured storage;
- ``manifest.json``: what the backup holds (pages, revisions, images,
  documents, users, media files), the versions that wrote it, the last
  migration of each app and a SHA-256 of each file.

The counts in the manifest are taken from the same snapshot the dump is made
of, so a restore can check that it got back exactly what was saved. Restoring
into a database that already has tables is refused unless forced: a restore
replaces content, it never merges.
"""

import contextlib
import hashlib
import json
import os
import platform
import shutil
import sqlite3
import subprocess
import tarfile
from datetime import UTC, datetime
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.files.storage import FileSystemStorage, storages
from django.db import DatabaseError, connections
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

FORMAT = 1
MANIFEST = "manifest.json"
PG_DUMP = "database.dump"
SQLITE_COPY = "database.sqlite3"
MEDIA_ARCHIVE = "media.tar.gz"


class BackupError(Exception):
    """A backup or restore that cannot go ahead; the message says why."""


def counted_tables():
    """What the manifest counts, as ``{name: table}``."""
    return {
        "pages": Page._meta.db_table,
        "revisions": Revision._meta.db_table,
        "images": get_image_model()._meta.db_table,
        "documents": get_document_model()._meta.db_table,
        "users": get_user_model()._meta.db_table,
    }


def count_rows(cursor):
    """Row counts of the counted tables through any DB-API cursor."""
    counts = {}
    for name, table in counted_tables().items():
        cursor.execute(f'SELECT COUNT(*) FROM "{table}"')  # noqa: S608
        counts[name] = cursor.fetchone()[0]
    return counts


def latest_migrations(cursor):
    cursor.execute("SELECT app, MAX(name) FROM django_migrations GROUP BY app")
    return dict(sorted(cursor.fetchall()))


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as stream:
        for chunk in iter(lambda: stream.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _package_version(name):
    try:
        return version(name)
    except PackageNotFoundError:
        return None


def _tool(name):
    """A PostgreSQL client program, or a clear error if it is not installed."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(
            f"{name} is not installed (Debian: apt-get install postgresql-client)."
        )
    return path


def _pg_environment(settings_dict):
    """libpq's environment for a Django database: no password on a command line."""
    env = dict(os.environ)
    options = settings_dict.get("OPTIONS") or {}
    for variable, value in {
        "PGHOST": settings_dict.get("HOST"),
        "PGPORT": settings_dict.get("PORT"),
        "PGUSER": settings_dict.get("USER"),
        "PGPASSWORD": settings_dict.get("PASSWORD"),
        "PGDATABASE": settings_dict.get("NAME"),
        "PGSSLMODE": options.get("sslmode"),
    }.items():
        if value:
            env[variable] = str(value)
    return env


def _pg_connect(settings_dict):
    import psycopg

    options = settings_dict.get("OPTIONS") or {}
    params = {
        "host": settings_dict.get("HOST") or None,
        "port": settings_dict.get("PORT") or None,
        "user": settings_dict.get("USER") or None,
        "password": settings_dict.get("PASSWORD") or None,
        "dbname": settings_dict["NAME"],
        "sslmode": options.get("sslmode"),
    }
    return psycopg.connect(**{key: value for key, value in params.items() if value})


def _psycopg_errors():
    try:
        import psycopg
    except ImportError:
        return ()
    return (psycopg.Error,)


def _run(command, env=None):
    result = subprocess.run(command, env=env, capture_output=True, text=True)  # noqa: S603
    if result.returncode:
        raise BackupError(
            f"{Path(command[0]).name} failed: {result.stderr.strip() or result.returncode}"
        )
    return result


# Backing up ------------------------------------------------------------------


def _backup_postgresql(settings_dict, target):
    """
    Dump with ``pg_dump -Fc`` from a snapshot exported by a repeatable-read
    transaction, and count rows in that same transaction: the counts describe
    the dump exactly, however busy the site is.
    """
    from psycopg import IsolationLevel

    with _pg_connect(settings_dict) as pg:
        pg.isolation_level = IsolationLevel.REPEATABLE_READ
        pg.read_only = True
        snapshot = pg.execute("SELECT pg_export_snapshot()").fetchone()[0]
        cursor = pg.cursor()
        counts = count_rows(cursor)
        migrations = latest_migrations(cursor)
        server = pg.execute("SHOW server_version").fetchone()[0]
        _run(
            [
                _tool("pg_dump"),
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                f"--file={target / PG_DUMP}",
            ],
            env=_pg_environment(settings_dict),
        )
        pg.rollback()
    tool = _run([_tool("pg_dump"), "--version"]).stdout.strip()
    return PG_DUMP, counts, migrations, {"server": server, "pg_dump": tool}


def _backup_sqlite(connection, target):
    """Copy through SQLite's online backup API, then count in the copy."""
    connection.ensure_connection()
    copy = sqlite3.connect(target / SQLITE_COPY)
    try:
        connection.connection.backup(copy)
        cursor = copy.cursor()
        counts = count_rows(cursor)
        migrations = latest_migrations(cursor)
    finally:
        copy.close()
    return SQLITE_COPY, counts, migrations, {"sqlite": sqlite3.sqlite_version}


def _storage_name(storage):
    cls = type(storage)
    return f"{cls.__module__}.{cls.__qualname__}"


def _stored_files(storage, folder=""):
    """Every file name in ``storage``, folders walked, in a stable order."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for name in sorted(folders):
        yield from _stored_files(storage, f"{folder}/{name}" if folder else name)


def _archive_media(storage, target):
    """
    Copy every file of the media storage into the archive. Reading through
    the storage API, not the local folder, is what makes a backup of an S3
    bucket hold its files rather than an empty folder.
    """
    files = 0
    size = 0
    with tarfile.open(target / MEDIA_ARCHIVE, "w:gz") as archive:
        for name in _stored_files(storage):
            with storage.open(name, "rb") as stored:
                member = tarfile.TarInfo(name)
                member.size = storage.size(name)
                archive.addfile(member, stored)
            files += 1
            size += member.size
    return {
        "file": MEDIA_ARCHIVE,
        "files": files,
        "bytes": size,
        "storage": _storage_name(storage),
        "local": isinstance(storage, FileSystemStorage),
    }


def backup(target, *, using="default"):
    """Write a backup of database ``using`` and the media storage into ``target``."""
    target = Path(target)
    if target.exists() and any(target.iterdir()):
        raise BackupError(f"{target} is not empty; back up into a new folder.")
    connection = connections[using]
    if connection.vendor not in {"postgresql", "sqlite"}:
        raise BackupError(f"Backing up {connection.vendor} is not supported.")
    target.mkdir(parents=True, exist_ok=True)
    try:
        if connection.vendor == "postgresql":
            database_file, counts, migrations, tools = _backup_postgresql(
                connection.settings_dict, target
            )
        else:
            database_file, counts, migrations, tools = _backup_sqlite(
                connection, target
            )
    except (sqlite3.Error, DatabaseError, *_psycopg_errors()) as error:
        # Leave no half-written backup behind to be mistaken for a good one.
        shutil.rmtree(target, ignore_errors=True)
        raise BackupError(
            f"Could not read the database ({error}). Is it migrated and reachable?"
        ) from error
    try:
        media = _archive_media(storages["default"], target)
    except Exception as error:
        shutil.rmtree(target, ignore_errors=True)
        raise BackupError(
            f"Could not read the media storage {_storage_name(storages['default'])} "
            f"({error}); no backup was written."
        ) from error
    manifest = {
        "format": FORMAT,
        "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "database": {"vendor": connection.vendor, "file": database_file, **tools},
        "counts": counts,
        "media": media,
        "migrations": migrations,
        "versions": {
            "python": platform.python_version(),
            "django": _package_version("django"),
            "wagtail": _package_version("wagtail"),
            "newsroom-cms": _package_version("newsroom-cms"),
        },
        "sha256": {
            name: _sha256(target / name) for name in (database_file, MEDIA_ARCHIVE)
        },
    }
    (target / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return manifest


# Restoring -------------------------------------------------------------------


def read_manifest(source):
    """The manifest of backup folder ``source``, with every file's checksum checked."""
    source = Path(source)
    try:
        manifest = json.loads((source / MANIFEST).read_text())
    except FileNotFoundError:
        raise BackupError(
            f"{source} has no {MANIFEST}; is it a backup folder?"
        ) from None
    except json.JSONDecodeError as error:
        raise BackupError(f"{source / MANIFEST} is not valid JSON: {error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"Unknown backup format {manifest.get('format')!r}.")
    for name, expected in manifest["sha256"].items():
        path = source / name
        if not path.is_file():
            raise BackupError(f"{path} is missing.")
        if _sha256(path) != expected:
            raise BackupError(
                f"{path} does not match its checksum: damaged or altered."
            )
    return manifest


def _sqlite_connect(name):
    """A connection of our own to SQLite database ``name`` (a path or a file: URI)."""
    return sqlite3.connect(name, uri=str(name).startswith("file:"))


@contextlib.contextmanager
def _target_cursor(vendor, settings_dict):
    """
    A cursor on the restore target, opened beside Django's connection pool:
    the target may be a database the running code has no alias for yet.
    """
    if vendor == "postgresql":
        with _pg_connect(settings_dict) as pg:
            yield pg.cursor()
    else:
        database = _sqlite_connect(settings_dict["NAME"])
        try:
            yield database.cursor()
        finally:
            database.close()


def _user_tables(cursor, vendor):
    """How many tables the target already has (Django's own count too)."""
    if vendor == "postgresql":
        cursor.execute(
            "SELECT count(*) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        )
    else:
        cursor.execute(
            "SELECT count(*) FROM sqlite_master "
            "WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    return cursor.fetchone()[0]


def _restore_postgresql(settings_dict, source, force):
    command = [
        _tool("pg_restore"),
        "--no-owner",
        "--no-privileges",
        "--exit-on-error",
        # All or nothing: a failed restore leaves the database as it was.
        "--single-transaction",
        f"--dbname={settings_dict['NAME']}",
    ]
    if force:
        command += ["--clean", "--if-exists"]
    _run([*command, str(source / PG_DUMP)], env=_pg_environment(settings_dict))


def _restore_sqlite(name, source):
    copy = sqlite3.connect(source / SQLITE_COPY)
    database = _sqlite_connect(name)
    try:
        copy.backup(database)
    finally:
        database.close()
        copy.close()


def _extract_media(source, storage):
    """Write the archived files back into ``storage`` (a folder or a bucket)."""
    with tarfile.open(source / MEDIA_ARCHIVE, "r:gz") as archive:
        if isinstance(storage, FileSystemStorage):
            media_root = Path(storage.location)
            media_root.mkdir(parents=True, exist_ok=True)
            # The "data" filter refuses absolute paths, links out of the
            # folder and device files, whatever the archive holds.
            archive.extractall(media_root, filter="data")
            return
        for member in archive.getmembers():
            # The same checks as the "data" filter, for a storage that is no folder.
            member = tarfile.data_filter(member, "/media")
            if not member.isfile():
                continue
            if storage.exists(member.name):
                storage.delete(member.name)
            storage.save(member.name, File(archive.extractfile(member), member.name))


def restore(source, *, using="default", force=False, media=True):
    """
    Restore backup folder ``source`` into database ``using`` and the media
    folder, then check the restored counts against the manifest.
    """
    source = Path(source)
    manifest = read_manifest(source)
    connection = connections[using]
    vendor = manifest["database"]["vendor"]
    if vendor != connection.vendor:
        raise BackupError(
            f"This is a {vendor} backup; database {using!r} is {connection.vendor}."
        )
    settings_dict = connection.settings_dict
    with _target_cursor(vendor, settings_dict) as cursor:
        tables = _user_tables(cursor, vendor)
    if tables and not force:
        raise BackupError(
            f"Database {settings_dict['NAME']!r} is not empty ({tables} tables). "
            "Restore into an empty database, or pass --force to replace what it holds."
        )
    # Let go of our own connection: the restore replaces what it points at.
    connection.close()
    if vendor == "postgresql":
        _restore_postgresql(settings_dict, source, force)
    else:
        _restore_sqlite(settings_dict["NAME"], source)
    with _target_cursor(vendor, settings_dict) as cursor:
        counts = count_rows(cursor)
    if media:
        _extract_media(source, storages["default"])
    if counts != manifest["counts"]:
        raise BackupError(
            f"The restored database holds {counts}, the backup says {manifest['counts']}."
        )
    return manifest, counts
