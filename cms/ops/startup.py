"""
First steps without a traceback: the database and Redis that the environment
names are tried once, before a management command runs, and a missing or
unreachable one is reported in one line that names the variable and says
what to do.

``manage.py`` runs ``check_services`` for the development and production
settings (so ``make run``, ``make serve``, ``make worker`` and every
``manage.py`` command that uses a service; not ``check``, ``collectstatic``,
``makemigrations`` and the like, which build and CI steps run with no
database), never for the test settings, whose database the
test runner creates itself. The checks cost one connection each (a few
milliseconds on a local server) and nothing when neither variable names a
server.

- A PostgreSQL database that does not exist is created under the
  development settings, where the server allows it (``make run`` on a fresh
  clone then gets to a running server). Under the production settings it is
  never created: a mistyped ``DATABASE_URL`` must stop a deployment, not
  migrate an empty newsroom into being. The line then says which
  ``createdb`` to run.
- An unreachable PostgreSQL server, or a SQLite file in a folder that does
  not exist or cannot be written, stops the command.
- An unreachable Redis stops the command under the development settings. In
  production the cache degrades to database reads by design (see
  ``redis_caches`` in the settings), so the line is a warning and the
  command goes on.
"""

import os
import socket
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings

DEVELOPMENT = "cms.settings.dev"
PRODUCTION = "cms.settings.production"
CHECKED_SETTINGS = {DEVELOPMENT, PRODUCTION}
# Commands that need neither service, and run where there is none: the
# system and deployment checks, collectstatic and makemigrations in a build
# or CI step, and Django's help.
OFFLINE_COMMANDS = {
    "help",
    "version",
    "--help",
    "-h",
    "--version",
    "check",
    "collectstatic",
    "compilemessages",
    "diffsettings",
    "findstatic",
    "makemessages",
    "makemigrations",
    "startapp",
    "startproject",
}
CONNECT_TIMEOUT = 3
# PostgreSQL's "invalid catalog name": the database does not exist.
MISSING_DATABASE = "3D000"


class ServiceProblem(Exception):
    """A service the environment names cannot be used; the message is the one line to print."""


def settings_module(argv):
    """The settings module a ``manage.py`` command line will run with."""
    for n, arg in enumerate(argv):
        if arg.startswith("--settings="):
            return arg.split("=", 1)[1]
        if arg == "--settings" and n + 1 < len(argv):
            return argv[n + 1]
    return os.environ.get("DJANGO_SETTINGS_MODULE", "")


def check_services(argv):
    """
    Check the database and Redis before ``manage.py`` runs ``argv``; on a
    problem print one line to stderr and exit with status 1.
    """
    if len(argv) < 2 or argv[1] in OFFLINE_COMMANDS or "--help" in argv:
        return
    if os.environ.get("RUN_MAIN") == "true":
        return  # the development server's reloaded child: its parent checked
    module = settings_module(argv)
    if module not in CHECKED_SETTINGS:
        return
    try:
        check_database(settings.DATABASES["default"], create=module == DEVELOPMENT)
        problem = redis_problem(getattr(settings, "REDIS_URL", ""))
    except ServiceProblem as error:
        sys.stderr.write(f"{error}\n")
        raise SystemExit(1) from None
    if problem and module == DEVELOPMENT:
        sys.stderr.write(f"{problem}\n")
        raise SystemExit(1)
    if problem:
        sys.stderr.write(
            f"Warning: {problem} Going on: the cache stays off until Redis answers.\n"
        )


def check_database(database, *, create=False):
    engine = database["ENGINE"]
    if engine == "django.db.backends.postgresql":
        _check_postgresql(database, create=create)
    elif engine in ("django.db.backends.sqlite3", "cms.db.sqlite"):
        _check_sqlite(database)


def _check_sqlite(database):
    name = str(database["NAME"])
    if name == ":memory:" or name.startswith("file:"):
        return
    folder = Path(name).parent
    if not folder.is_dir():
        raise ServiceProblem(
            f"DATABASE_URL names the SQLite file {name}, but the folder {folder} "
            "does not exist: create it or correct DATABASE_URL."
        )
    if not os.access(folder, os.W_OK):
        raise ServiceProblem(
            f"DATABASE_URL names the SQLite file {name}, but the folder {folder} "
            "cannot be written: fix its permissions or correct DATABASE_URL."
        )


def _connection_options(database, dbname):
    options = {
        "dbname": dbname,
        "host": database.get("HOST") or None,
        "port": database.get("PORT") or None,
        "user": database.get("USER") or None,
        "password": database.get("PASSWORD") or None,
        "connect_timeout": CONNECT_TIMEOUT,
    }
    sslmode = database.get("OPTIONS", {}).get("sslmode")
    if sslmode:
        options["sslmode"] = sslmode
    return {key: value for key, value in options.items() if value is not None}


def _server(database):
    return f"{database.get('HOST') or 'localhost'}:{database.get('PORT') or 5432}"


def _reason(error):
    """libpq's reason, without the "connection to server ... failed:" preamble."""
    lines = [line.strip() for line in str(error).splitlines() if line.strip()]
    reason = lines[0] if lines else type(error).__name__
    return reason.rsplit("failed:", 1)[-1].split("FATAL:", 1)[-1].strip()


def _is_missing_database(error, name):
    if getattr(error, "sqlstate", None) == MISSING_DATABASE:
        return True
    return f'database "{name}" does not exist' in str(error)


def _check_postgresql(database, *, create):
    # Imported here, not at the top: SQLite users' commands should not pay
    # for loading the PostgreSQL driver (about 0.2 s) on every start.
    import psycopg
    from psycopg import sql

    name = database["NAME"]
    try:
        psycopg.connect(**_connection_options(database, name)).close()
        return
    except psycopg.OperationalError as error:
        if not _is_missing_database(error, name):
            raise ServiceProblem(
                f"DATABASE_URL: cannot connect to PostgreSQL at {_server(database)} "
                f"({_reason(error)}): start PostgreSQL or correct DATABASE_URL."
            ) from None
    createdb = _createdb_command(database)
    if not create:
        raise ServiceProblem(
            f'DATABASE_URL names the PostgreSQL database "{name}", which does not '
            f"exist: create it with `{createdb}` and run this again."
        )
    try:
        with psycopg.connect(
            **_connection_options(database, "postgres"), autocommit=True
        ) as connection:
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name))
            )
    except psycopg.Error as error:
        raise ServiceProblem(
            f'DATABASE_URL names the PostgreSQL database "{name}", which does not '
            f"exist and could not be created here ({_reason(error)}): create it "
            f"with `{createdb}` and run this again."
        ) from None
    sys.stderr.write(
        f'Created the PostgreSQL database "{name}" named by DATABASE_URL '
        f"on {_server(database)}.\n"
    )


def _createdb_command(database):
    parts = ["createdb"]
    if database.get("HOST"):
        parts += ["-h", database["HOST"]]
    if database.get("PORT"):
        parts += ["-p", str(database["PORT"])]
    if database.get("USER"):
        parts += ["-U", database["USER"]]
    parts.append(database["NAME"])
    return " ".join(parts)


def redis_problem(url):
    """What is wrong with the Redis at ``url`` (the one line to print), or ""."""
    if not url:
        return ""
    parts = urlsplit(url)
    where = f"{parts.hostname or 'localhost'}:{parts.port or 6379}"
    if parts.scheme != "redis":
        # TLS and socket-file URLs: leave them to the client at first use.
        return ""
    try:
        reply = _ping(parts)
    except OSError as error:
        return (
            f"REDIS_URL: cannot reach Redis at {where} ({error.strerror or error}): "
            "start Redis, correct REDIS_URL, or unset it to use the local-memory cache."
        )
    if not reply.startswith(b"+PONG"):
        answer = reply.decode(errors="replace").strip().lstrip("-") or "no answer"
        return (
            f"REDIS_URL: Redis at {where} refused the connection ({answer}): "
            "correct the password or user in REDIS_URL."
        )
    return ""


def _ping(parts):
    """
    One PING over a plain socket, after AUTH when the URL carries a password.

    The Redis client library is not imported for this: it would add more to
    every command's start-up than the check itself takes.
    """
    commands = []
    if parts.password is not None:
        auth = ["AUTH", unquote(parts.password)]
        if parts.username:
            auth.insert(1, unquote(parts.username))
        commands.append(auth)
    commands.append(["PING"])
    with socket.create_connection(
        (parts.hostname or "localhost", parts.port or 6379), timeout=CONNECT_TIMEOUT
    ) as connection:
        reply = b""
        for command in commands:
            connection.sendall(_resp(command))
            reply = connection.recv(512)
            if reply.startswith(b"-"):
                return reply
        return reply


def _resp(words):
    """A command in the Redis protocol's array form."""
    encoded = [word.encode() for word in words]
    return f"*{len(encoded)}\r\n".encode() + b"".join(
        b"$%d\r\n%s\r\n" % (len(word), word) for word in encoded
    )
