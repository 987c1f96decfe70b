"""
SQLite under concurrent requests: the editor autosaves every half second while
other requests write, readers keep reading, and every request is a
transaction (ATOMIC_REQUESTS).
"""

import threading

import pytest
from django.db import connection, connections, transaction
from django.test import RequestFactory

from cms.db.middleware import ReadOnlyTransactionsMiddleware
from cms.db.sqlite.base import DatabaseWrapper
from cms.db.transactions import reads_only, writes_expected

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="only SQLite has a single writer lock"
)


@pytest.fixture
def sqlite_file(tmp_path, django_db_blocker):
    """Connect an alias to one shared SQLite file, as each request thread of `make run` does."""
    settings_dict = {
        **connection.settings_dict,
        "NAME": str(tmp_path / "shared.sqlite3"),
        "OPTIONS": {**connection.settings_dict.get("OPTIONS", {}), "timeout": 10},
    }

    def connect(alias):
        # Connections belong to a thread: each thread opens its own.
        connections[alias] = DatabaseWrapper(dict(settings_dict), alias)
        return alias

    # Its own file, not the test database: unblock access to it alone.
    with django_db_blocker.unblock():
        with connections[connect("writer_b")].cursor() as cursor:
            cursor.execute("CREATE TABLE counter (n integer)")
        yield connect
        connections["writer_b"].close()
        del connections["writer_b"]


def test_a_request_that_reads_then_writes_waits_for_another_writer(sqlite_file):
    a, b = "writer_a", "writer_b"
    a_has_written = threading.Event()
    release_a = threading.Event()

    def first_request():
        sqlite_file(a)
        with transaction.atomic(using=a):
            with connections[a].cursor() as cursor:
                cursor.execute("INSERT INTO counter VALUES (1)")
            a_has_written.set()
            release_a.wait(5)
        connections[a].close()

    thread = threading.Thread(target=first_request)
    thread.start()
    assert a_has_written.wait(5)
    # Let the first request commit while the second is waiting for its turn.
    threading.Timer(0.3, release_a.set).start()
    # A deferred transaction would read, then fail its write at once with
    # "database is locked"; an IMMEDIATE one waits and then succeeds.
    with transaction.atomic(using=b), connections[b].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM counter")
        cursor.execute("INSERT INTO counter VALUES (2)")
    thread.join(5)
    with connections[b].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM counter")
        assert cursor.fetchone() == (2,)


def test_a_read_goes_on_while_another_request_holds_the_write_lock(sqlite_file):
    writer, reader = "writer_a", "writer_b"
    writer_holds_lock = threading.Event()
    release_writer = threading.Event()

    def writing_request():
        sqlite_file(writer)
        with transaction.atomic(using=writer):
            with connections[writer].cursor() as cursor:
                cursor.execute("INSERT INTO counter VALUES (1)")
            writer_holds_lock.set()
            release_writer.wait(30)
        connections[writer].close()

    thread = threading.Thread(target=writing_request)
    thread.start()
    try:
        assert writer_holds_lock.wait(5)
        # A reader that began IMMEDIATE would queue behind the writer and fail
        # after the busy timeout; a reader takes no lock and reads at once.
        with (
            reads_only(),
            transaction.atomic(using=reader),
            connections[reader].cursor() as cursor,
        ):
            cursor.execute("SELECT count(*) FROM counter")
            assert cursor.fetchone() == (0,)
    finally:
        release_writer.set()
        thread.join(5)
    with connections[reader].cursor() as cursor:
        cursor.execute("SELECT count(*) FROM counter")
        assert cursor.fetchone() == (1,)


def test_outside_a_request_work_is_expected_to_write():
    # Management commands and background tasks keep queueing for the lock.
    assert writes_expected()


@pytest.mark.parametrize(
    ("method", "writes"),
    [
        ("get", False),
        ("head", False),
        ("options", False),
        ("post", True),
        ("put", True),
    ],
)
def test_only_requests_that_may_change_something_begin_as_writers(method, writes):
    seen = []

    def view(request):
        seen.append(writes_expected())

    ReadOnlyTransactionsMiddleware(view)(getattr(RequestFactory(), method)("/"))
    assert seen == [writes]
    assert writes_expected()
