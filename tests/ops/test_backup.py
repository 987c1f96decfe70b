"""
``manage.py backup`` and ``manage.py restore``: a backup restored into an
empty database gives back every page, revision and image, and the files.
"""

import contextlib
import json
import sqlite3
import uuid
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

from cms.ops.backup import MANIFEST, counted_tables
from tests.factories import ArticlePageFactory, ImageFactory

RESTORED = "restored"
# Committed data, as the commands meet it in real life: pg_dump reads from its
# own session, and SQLite's backup waits for an open write transaction to end.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_the_migrations_data"),
]


@contextlib.contextmanager
def _target_cursor(settings_dict):
    """A cursor on the restored database, opened without Django."""
    if connection.vendor == "postgresql":
        import psycopg

        with psycopg.connect(
            host=settings_dict["HOST"] or None,
            port=settings_dict["PORT"] or None,
            user=settings_dict["USER"] or None,
            password=settings_dict["PASSWORD"] or None,
            dbname=settings_dict["NAME"],
        ) as pg:
            yield pg.cursor()
    else:
        database = sqlite3.connect(settings_dict["NAME"])
        try:
            yield database.cursor()
        finally:
            database.close()


@contextlib.contextmanager
def _server(settings_dict):
    """An autocommit connection to the PostgreSQL server, for CREATE/DROP DATABASE."""
    import psycopg

    with psycopg.connect(
        host=settings_dict["HOST"] or None,
        port=settings_dict["PORT"] or None,
        user=settings_dict["USER"] or None,
        password=settings_dict["PASSWORD"] or None,
        dbname="postgres",
        autocommit=True,
    ) as server:
        yield server


@pytest.fixture
def empty_database(tmp_path):
    """
    A database alias ``restored`` pointing at a new, empty database: a fresh
    PostgreSQL database beside the test database, or a new SQLite file.
    """
    source = connection.settings_dict
    target = dict(source)
    if connection.vendor == "postgresql":
        target["NAME"] = f"{source['NAME']}_restore_{uuid.uuid4().hex[:8]}"
        with _server(source) as server:
            server.execute(f'CREATE DATABASE "{target["NAME"]}"')
    else:
        target["NAME"] = str(tmp_path / "restored.sqlite3")
    databases = connections.configure_settings(
        {"default": dict(source), RESTORED: target}
    )
    connections.settings[RESTORED] = databases[RESTORED]
    yield databases[RESTORED]
    with contextlib.suppress(AttributeError):
        connections[RESTORED].close()
        del connections[RESTORED]
    del connections.settings[RESTORED]
    if connection.vendor == "postgresql":
        with _server(source) as server:
            server.execute(f'DROP DATABASE IF EXISTS "{target["NAME"]}" WITH (FORCE)')


@pytest.fixture
def newsroom_content(newsroom, editor):
    """Two articles with photos, one with a draft on top of its live version."""
    photo = ImageFactory(title="Damascus at dusk")
    hero = ImageFactory(title="The souk")
    first = ArticlePageFactory(
        parent=newsroom.news, title="Backed up", owner=editor, hero_image=photo
    )
    ArticlePageFactory(parent=newsroom.news, title="Also kept", hero_image=hero)
    first.title = "Backed up, draft"
    first.save_revision(user=editor)
    photo.get_rendition("fill-120x80")
    return first


def _ids(cursor, table, columns="id"):
    cursor.execute(f'SELECT {columns} FROM "{table}"')  # noqa: S608
    return set(cursor.fetchall())


def test_restore_into_an_empty_database_finds_every_page_revision_and_image(
    newsroom_content, empty_database, settings, tmp_path
):
    folder = tmp_path / "backup"
    pages = set(Page.objects.values_list("id", "title"))
    revisions = set(Revision.objects.values_list("id", "object_id"))
    images = list(get_image_model().objects.all())
    image_files = [image.file.name for image in images]
    image_files += [r.file.name for image in images for r in image.renditions.all()]
    assert len(images) == 2
    assert len(image_files) > len(images)  # renditions too

    call_command("backup", str(folder))
    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["counts"]["pages"] == len(pages)
    assert manifest["counts"]["revisions"] == len(revisions)
    assert manifest["counts"]["images"] == len(images)
    assert manifest["media"]["files"] >= len(image_files)
    assert manifest["versions"]["wagtail"].startswith("8.")

    settings.MEDIA_ROOT = str(tmp_path / "restored-media")
    call_command("restore", str(folder), database=RESTORED)

    tables = counted_tables()
    with _target_cursor(empty_database) as cursor:
        assert _ids(cursor, tables["pages"], "id, title") == pages
        assert _ids(cursor, tables["revisions"], "id, object_id") == revisions
        assert _ids(cursor, tables["images"]) == {(image.pk,) for image in images}
    for name in image_files:
        assert (Path(settings.MEDIA_ROOT) / name).is_file(), name

    # Restoring again replaces what the database holds, only when forced.
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(folder), database=RESTORED)
    call_command("restore", str(folder), database=RESTORED, force=True)
    with _target_cursor(empty_database) as cursor:
        assert _ids(cursor, tables["revisions"], "id, object_id") == revisions


def test_restore_refuses_a_database_that_already_has_content(tmp_path):
    call_command("backup", str(tmp_path / "backup"))
    with pytest.raises(CommandError, match="--force"):
        call_command("restore", str(tmp_path / "backup"))


def test_restore_refuses_a_damaged_backup(tmp_path):
    folder = tmp_path / "backup"
    call_command("backup", str(folder))
    archive = folder / "media.tar.gz"
    archive.write_bytes(archive.read_bytes() + b"tampered")
    with pytest.raises(CommandError, match="checksum"):
        call_command("restore", str(folder), force=True)


def test_backup_will_not_write_into_a_folder_that_holds_files(tmp_path):
    (tmp_path / "notes.txt").write_text("keep me")
    with pytest.raises(CommandError, match="not empty"):
        call_command("backup", str(tmp_path))
    assert (tmp_path / "notes.txt").read_text() == "keep me"


REMOTE_MEDIA = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}


def test_a_backup_holds_the_media_of_a_storage_that_is_not_the_local_folder(
    newsroom, settings, tmp_path
):
    # Media in a bucket (MEDIA_STORAGE=s3) are not in MEDIA_ROOT: the backup
    # must read them through the storage, or it holds no media at all.
    from django.core.files.base import ContentFile
    from django.core.files.storage import InMemoryStorage, default_storage

    from cms.ops.backup import _extract_media

    settings.STORAGES = REMOTE_MEDIA
    default_storage.save("original_images/souk.jpg", ContentFile(b"jpeg bytes"))
    default_storage.save("documents/report.pdf", ContentFile(b"%PDF report"))
    folder = tmp_path / "backup"

    call_command("backup", str(folder))

    manifest = json.loads((folder / MANIFEST).read_text())
    assert manifest["media"]["files"] == 2
    assert manifest["media"]["storage"].endswith("InMemoryStorage")
    assert manifest["media"]["local"] is False
    bucket = InMemoryStorage()
    _extract_media(folder, bucket)
    with bucket.open("original_images/souk.jpg") as restored:
        assert restored.read() == b"jpeg bytes"
    assert bucket.exists("documents/report.pdf")
