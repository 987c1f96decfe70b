"""
``make loadtest``: the Delivery API under load, with faults, on real services.

The driver starts its own throwaway PostgreSQL cluster and Redis (never the
ones other work depends on), migrates, loads the demo and a few hundred
generated articles, and serves the site with gunicorn. Then:

1. **Load steps.** wrk drives the Delivery API at each concurrency in
   ``--steps`` for ``--duration`` seconds while ``editor.py`` edits, submits,
   approves and publishes articles in its own process and reads each one back
   over HTTP right after publishing it.
2. **Redis stopped** mid-step and started again: reads must keep succeeding
   from the database, and the app must use Redis again once it is back.
3. **PostgreSQL restarted** mid-step: while it is down, requests that need it
   get a 503 problem+json, never a 500; afterwards the same app processes
   answer again without a restart.
4. **Worker killed** with SIGKILL while a slow receiver holds a webhook
   delivery open; after a restart every event reaches the receiver, which
   processes each event id once.

``--topology replica`` runs it as deployed (docs/deployment.md): the
primary streams its WAL to a hot-standby replica (``pg_basebackup -R``, as
``deploy/replica.sh`` does), ``DATABASE_REPLICA_URL`` sends the Delivery
API's reads there, and ``--web-servers`` gunicorn servers (2 by default)
each take an equal share of wrk's connections. Each step then also reports,
per component, the throughput of each web server, where the reads went and
the CPU time each process tree used (``loadtest/topology.py``).

Everything is stopped and deleted at the end, whatever happened. The results
are printed as Markdown and written to ``loadtest/results.md``; the exit
status is non-zero when a promise was broken.
"""

import argparse
import contextlib
import json
import os
import resource
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from datetime import UTC, datetime
from pathlib import Path

from topology import (
    app_counters,
    cpu_seconds,
    difference,
    pg_counters,
    pid_from_file,
)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PG_BIN = Path(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"))


def log(message):
    print(f"[{datetime.now(UTC):%H:%M:%S}] {message}", flush=True)


def port_is_free(port):
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", port)) != 0


def get(url, timeout=10):
    """(status, content type, body) of a GET; never raises for an HTTP status."""
    request = urllib.request.Request(url, headers={"Accept": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers["Content-Type"], response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers["Content-Type"], error.read()


class Services:
    """The throwaway PostgreSQL cluster, Redis, app, worker and receiver."""

    def __init__(self, args):
        self.args = args
        self.tmp = Path(tempfile.mkdtemp(prefix="newsroom-loadtest-"))
        self.pg_data = self.tmp / "pg"
        self.replica_data = self.tmp / "replica"
        self.replicated = args.topology == "replica"
        self.processes = {}
        self.as_postgres = os.geteuid() == 0
        self.database_url = f"postgres://postgres@127.0.0.1:{args.pg_port}/newsroom"
        self.redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
        self.base_urls = [f"http://127.0.0.1:{port}" for port in args.app_ports]
        self.base_url = self.base_urls[0]
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "loadtest.settings",
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": self.database_url,
            "DATABASE_CONN_MAX_AGE": "60",
            "REDIS_URL": self.redis_url,
            "MEDIA_ROOT": str(self.tmp / "media"),
            "EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend",
            # One client (wrk) sends everything: lift the per-client limit.
            "API_RATE_LIMIT": "100000000/min",
            "WEBHOOK_CONNECT_TIMEOUT": "2",
            "WEBHOOK_READ_TIMEOUT": "8",
            # The receiver listens on 127.0.0.1.
            "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": "true",
            "PYTHONUNBUFFERED": "1",
        }
        if self.replicated:
            self.env["DATABASE_REPLICA_URL"] = (
                f"postgres://postgres@127.0.0.1:{args.replica_port}/newsroom"
            )

    # PostgreSQL ---------------------------------------------------------
    def _pg(self, *command, check=True):
        command = [str(PG_BIN / command[0]), *command[1:]]
        if self.as_postgres:
            command = ["runuser", "-u", "postgres", "--", *command]
        return subprocess.run(command, check=check, capture_output=True, text=True)

    def start_postgres(self):
        self.pg_data.mkdir()
        if self.as_postgres:
            shutil.chown(self.tmp, "postgres")
            shutil.chown(self.pg_data, "postgres")
        self._pg("initdb", "-D", str(self.pg_data), "--auth=trust", "-U", "postgres")
        if self.replicated:
            self._allow_replication()
        self.pg_start()
        subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.args.pg_port),
                "-U",
                "postgres",
                "-qc",
                "CREATE DATABASE newsroom",
            ],
            check=True,
        )

    def _allow_replication(self):
        """The primary settings deploy/replica.sh uses, for a streaming replica."""
        with open(self.pg_data / "postgresql.conf", "a") as conf:
            conf.write("wal_level = replica\nmax_wal_senders = 4\nhot_standby = on\n")
        with open(self.pg_data / "pg_hba.conf", "a") as hba:
            hba.write("host replication postgres 127.0.0.1/32 trust\n")

    def start_replica(self):
        """pg_basebackup -R a hot standby from the primary and start it."""
        self._pg(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.args.pg_port),
            "-U",
            "postgres",
            "-D",
            str(self.replica_data),
            "-R",
            "-X",
            "stream",
            "-c",
            "fast",
        )
        self._pg(
            "pg_ctl",
            "-D",
            str(self.replica_data),
            "-w",
            "-l",
            str(self.tmp / "replica.log"),
            "-o",
            f"-p {self.args.replica_port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.tmp} -c max_connections=200",
            "start",
        )

    def replica_stop(self):
        self._pg("pg_ctl", "-D", str(self.replica_data), "-w", "-m", "fast", "stop")

    def pg_start(self):
        self._pg(
            "pg_ctl",
            "-D",
            str(self.pg_data),
            "-w",
            "-l",
            str(self.tmp / "pg.log"),
            "-o",
            f"-p {self.args.pg_port} -c listen_addresses=127.0.0.1 "
            f"-c unix_socket_directories={self.tmp} -c max_connections=200",
            "start",
        )

    def pg_stop(self):
        self._pg("pg_ctl", "-D", str(self.pg_data), "-w", "-m", "fast", "stop")

    def sql(self, query):
        """One value from the load-test database, read with psql."""
        result = subprocess.run(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.args.pg_port),
                "-U",
                "postgres",
                "-d",
                "newsroom",
                "-Atc",
                query,
            ],
            check=True,
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    # Redis ---------------------------------------------------------------
    def redis_start(self):
        subprocess.run(
            [
                "redis-server",
                "--port",
                str(self.args.redis_port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--daemonize",
                "yes",
                "--pidfile",
                str(self.tmp / "redis.pid"),
                "--logfile",
                str(self.tmp / "redis.log"),
                "--dir",
                str(self.tmp),
            ],
            check=True,
        )
        for _ in range(50):
            if self.redis("PING") == "PONG":
                return
            time.sleep(0.1)
        raise RuntimeError("Redis did not start")

    def redis(self, *command):
        result = subprocess.run(
            ["redis-cli", "-p", str(self.args.redis_port), *command],
            capture_output=True,
            text=True,
        )
        return result.stdout.strip()

    def redis_stop(self):
        self.redis("SHUTDOWN", "NOSAVE")
        for _ in range(50):
            if port_is_free(self.args.redis_port):
                return
            time.sleep(0.1)

    # Django processes ------------------------------------------------------
    def manage(self, *command):
        with open(self.tmp / "setup.log", "ab") as out:
            subprocess.run(
                [PYTHON, "manage.py", *command],
                cwd=ROOT,
                env=self.env,
                check=True,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def spawn(self, name, command, env=None, **kwargs):
        out = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env or self.env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
            **kwargs,
        )
        self.processes[name] = process
        return process

    def stop(self, name, sig=signal.SIGTERM, timeout=30):
        process = self.processes.pop(name, None)
        if process is None or process.poll() is not None:
            return
        os.killpg(process.pid, sig)
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()

    def start_app(self):
        for number, port in enumerate(self.args.app_ports, start=1):
            self._start_web_server(number, port)

    def web_server_names(self):
        return [f"web {number}" for number in range(1, len(self.base_urls) + 1)]

    def _start_web_server(self, number, port):
        """One gunicorn server; its workers merge their metrics in their own folder."""
        metrics = self.tmp / f"metrics-{number}"
        metrics.mkdir()
        base_url = f"http://127.0.0.1:{port}"
        self.spawn(
            f"web {number}",
            [
                GUNICORN,
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(self.args.workers),
                "--worker-class",
                "gthread",
                "--threads",
                str(self.args.threads),
                "--backlog",
                "2048",
                "--timeout",
                "60",
            ],
            env={**self.env, "PROMETHEUS_MULTIPROC_DIR": str(metrics)},
        )
        for _ in range(100):
            with contextlib.suppress(OSError):
                if get(base_url + "/api/v1/articles/?limit=1")[0] == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError(f"gunicorn did not answer; see 'web {number}.log'")

    def snapshot(self):
        """CPU seconds per component and read counters, to subtract after a step."""
        return {**self.cpu_snapshot(), **self.counter_snapshot()}

    def cpu_snapshot(self):
        """CPU seconds used so far by each component, with the time it was taken."""
        roots = {
            name: self.processes[name].pid
            for name in self.web_server_names()
            if name in self.processes
        }
        roots["PostgreSQL primary"] = pid_from_file(self.pg_data / "postmaster.pid")
        if self.replicated:
            roots["PostgreSQL replica"] = pid_from_file(
                self.replica_data / "postmaster.pid"
            )
        roots["Redis"] = pid_from_file(self.tmp / "redis.pid")
        if "editor" in self.processes:
            roots["editor"] = self.processes["editor"].pid
        return {"at": time.monotonic(), "cpu": cpu_seconds(roots)}

    def counter_snapshot(self):
        """The read counters of the app and of each PostgreSQL server."""
        return {
            "primary": pg_counters(self.args.pg_port),
            "replica": pg_counters(self.args.replica_port) if self.replicated else None,
            "app": {
                name: app_counters(url)
                for name, url in zip(
                    self.web_server_names(), self.base_urls, strict=True
                )
            },
        }

    def close(self):
        for name in list(self.processes):
            self.stop(name, timeout=10)
        with contextlib.suppress(Exception):
            self.redis_stop()
        if self.replicated:
            with contextlib.suppress(Exception):
                self.replica_stop()
        with contextlib.suppress(Exception):
            self.pg_stop()
        if self.args.keep:
            log(f"kept {self.tmp}")
        else:
            shutil.rmtree(self.tmp, ignore_errors=True)


def seed(services, articles):
    """Migrate, load the demo and generate ``articles`` more."""
    services.manage("migrate", "--noinput")
    services.manage("load_demo")
    probe = subprocess.run(
        [PYTHON, "manage.py", "help", "generate_articles"],
        cwd=ROOT,
        env=services.env,
        capture_output=True,
    )
    if probe.returncode == 0:
        services.manage(
            "generate_articles", "--articles", str(articles), "--no-progress"
        )
    else:
        subprocess.run(
            [PYTHON, str(HERE / "seed.py"), "--articles", str(articles)],
            cwd=ROOT,
            env=services.env,
            check=True,
        )


def write_paths(services):
    """The mix of Delivery API requests wrk replays: lists, details, lookups."""
    status, _type, body = get(services.base_url + "/api/v1/articles/?limit=50")
    if status != 200:
        raise RuntimeError(f"the article list answered {status}")
    results = json.loads(body)["results"]
    paths = ["/api/v1/articles/", "/api/v1/articles/?limit=5", "/api/v1/authors/"]
    paths += [f"/api/v1/articles/?limit=10&offset={n}" for n in (10, 20, 30)]
    for item in results:
        paths.append(f"/api/v1/articles/{item['id']}/")
        paths.append(f"/api/v1/articles/by-path/?path={item['path']}")
    target = services.tmp / "paths.txt"
    target.write_text("\n".join(paths) + "\n")
    return target, len(paths)


def wrk(services, connections, duration, paths, name):
    """
    Start the load in the background, ``connections`` shared equally among
    the web servers (one wrk each); ``finish_wrk`` collects the figures.
    """
    servers = services.web_server_names()
    shares = [connections // len(servers)] * len(servers)
    for index in range(connections % len(servers)):
        shares[index] += 1
    return [
        (server, share, _wrk_one(url, share, duration, paths))
        for server, share, url in zip(servers, shares, services.base_urls, strict=True)
        if share
    ]


def _wrk_one(base_url, connections, duration, paths):
    env = {**os.environ, "LOADTEST_PATHS": str(paths)}
    threads = min(connections, 2)
    return subprocess.Popen(
        [
            "wrk",
            "-t",
            str(threads),
            "-c",
            str(connections),
            "-d",
            f"{duration}s",
            "--timeout",
            "10s",
            "-s",
            str(HERE / "delivery.lua"),
            base_url,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_wrk(load, name, connections):
    """
    The step's figures: counts summed over the web servers, latency
    percentiles the worst server's (percentiles cannot be added), and each
    server's own figures under ``per_server``.
    """
    per_server = []
    for server, share, process in load:
        figures = _finish_one(process, f"{name}, {server}")
        figures["server"] = server
        figures["connections"] = share
        per_server.append(figures)
    if len(per_server) == 1:
        figures = dict(per_server[0])
    else:
        figures = {
            key: sum(row[key] for row in per_server)
            for key in per_server[0]
            if key not in {"server", "duration_us", "rps"}
            and not key.endswith("_us")
            and isinstance(per_server[0][key], int | float)
        }
        figures.update(
            {
                key: max(row[key] for row in per_server)
                for key in per_server[0]
                if key.endswith("_us")
            }
        )
        figures["rps"] = sum(row["rps"] for row in per_server)
    figures["name"] = name
    figures["connections"] = connections
    figures["per_server"] = per_server
    if len(per_server) > 1:
        log(
            f"{name}: {figures['rps']:.0f} req/s over {len(per_server)} servers, "
            f"worst p99 {figures['p99_us'] / 1000:.1f} ms"
        )
    return figures


def _finish_one(process, name):
    output, _ = process.communicate()
    line = next(
        (row for row in output.splitlines() if row.startswith("LOADTEST ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk gave no figures for {name}:\n{output}")
    figures = json.loads(line.removeprefix("LOADTEST "))
    figures["rps"] = figures["requests"] / (figures["duration_us"] / 1e6)
    socket_errors = sum(
        figures[key]
        for key in ("connect_errors", "read_errors", "write_errors", "timeouts")
    )
    figures["socket_errors"] = socket_errors
    log(
        f"{name}: {figures['rps']:.0f} req/s, p99 {figures['p99_us'] / 1000:.1f} ms, "
        f"{figures['unavailable']} x 503, {figures['server_error']} other 5xx, "
        f"{socket_errors} socket errors"
    )
    return figures


def step_components(services, before, load_generator):
    """What each component did during a step: CPU seconds, reads, requests."""
    after = services.cpu_snapshot()
    # Backends send their statistics at most once a second: let them.
    time.sleep(1.5)
    after.update(services.counter_snapshot())
    wall = after["at"] - before["at"]
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = {
        name: (
            None
            if used is None or before["cpu"].get(name) is None
            else used - before["cpu"][name]
        )
        for name, used in after["cpu"].items()
    }
    cpu["wrk (load generator)"] = (children.ru_utime + children.ru_stime) - (
        load_generator.ru_utime + load_generator.ru_stime
    )
    return {
        "wall_s": wall,
        "cpu_s": cpu,
        "primary": difference(after["primary"], before["primary"]),
        "replica": difference(after["replica"], before["replica"]),
        "app": {
            name: difference(after["app"][name], before["app"].get(name, {}))
            for name in after["app"]
        },
    }


def redis_fault(services, paths, duration):
    """Stop Redis a third of the way into a step and start it again at two thirds."""
    process = wrk(services, 64, duration, paths, "redis")
    time.sleep(duration / 3)
    services.redis_stop()
    log("Redis stopped")
    down = [
        get(services.base_url + f"/api/v1/articles/?limit=3&offset={n}")[0]
        for n in range(5)
    ]
    time.sleep(duration / 3 - 1)
    services.redis_start()
    log("Redis started again")
    figures = finish_wrk(process, "Redis stopped and started", 64)
    # Back in use: requests after the restart fill the empty Redis again.
    get(services.base_url + "/api/v1/articles/?limit=4")
    figures["reads_while_down"] = down
    figures["keys_after_restart"] = int(services.redis("DBSIZE") or 0)
    return figures


def postgres_fault(services, paths, duration, outage):
    """Stop PostgreSQL for ``outage`` seconds in the middle of a step."""
    process = wrk(services, 16, duration, paths, "postgres")
    time.sleep((duration - outage) / 2)
    services.pg_stop()
    log("PostgreSQL stopped")
    # Uncached requests (a fresh offset each) must reach the database.
    probes = []
    for n in range(3):
        status, content_type, _body = get(
            services.base_url + f"/api/v1/articles/?limit=2&offset={100 + n}"
        )
        probes.append({"status": status, "content_type": content_type})
    site_status, site_type, _ = get(services.base_url + "/news/")
    time.sleep(max(0, outage - 1))
    services.pg_start()
    started = time.monotonic()
    log("PostgreSQL started again")
    recovered_after = None
    for n in range(100):
        status, _type, _body = get(
            services.base_url + f"/api/v1/articles/?limit=2&offset={200 + n}"
        )
        if status == 200:
            recovered_after = time.monotonic() - started
            break
        time.sleep(0.1)
    figures = finish_wrk(process, "PostgreSQL restarted", 16)
    figures["api_probes_while_down"] = probes
    figures["site_probe_while_down"] = {
        "status": site_status,
        "content_type": site_type,
    }
    figures["recovered_after_s"] = recovered_after
    return figures


def worker_fault(services, args):
    """SIGKILL the worker mid-delivery; after a restart, each event arrives once."""
    receiver_out = services.tmp / "receiver.json"
    receiver_port = args.receiver_port
    services.spawn(
        "receiver",
        [
            PYTHON,
            str(HERE / "receiver.py"),
            "--port",
            str(receiver_port),
            "--delay",
            str(args.receiver_delay),
            "--out",
            str(receiver_out),
        ],
    )
    subprocess.run(
        [
            PYTHON,
            "manage.py",
            "shell",
            "-c",
            "from cms.webhooks.models import WebhookEndpoint; "
            "WebhookEndpoint.objects.create(name='Load test receiver', "
            f"url='http://127.0.0.1:{receiver_port}/hook', "
            "events=['article.published'])",
        ],
        cwd=ROOT,
        env=services.env,
        check=True,
    )
    worker = [PYTHON, "manage.py", "run_worker", "--schedule-every", "5"]
    editor_out = services.tmp / "editor-webhooks.json"
    subprocess.run(
        [
            PYTHON,
            str(HERE / "editor.py"),
            "--api",
            services.base_url,
            "--out",
            str(editor_out),
            "--cycles",
            str(args.webhook_events),
            "--label",
            "wh",
        ],
        cwd=ROOT,
        env=services.env,
        check=True,
    )
    published = json.loads(editor_out.read_text())["published"]
    # The deliveries wait in the queue; the worker starts now, so the kill
    # below lands while the receiver holds the first one open.
    services.spawn("worker", worker)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if json.loads(receiver_out.read_text())["requests"] >= 1:
            break
        time.sleep(0.1)
    else:
        raise RuntimeError("no webhook reached the receiver")
    services.stop("worker", sig=signal.SIGKILL)
    log("worker killed with SIGKILL while a delivery was in flight")
    killed_at = time.monotonic()
    time.sleep(1)
    services.spawn("worker-restarted", worker)
    log("worker restarted")
    pending = None
    deadline = time.monotonic() + args.webhook_wait
    while time.monotonic() < deadline:
        pending = int(
            services.sql(
                "SELECT count(*) FROM webhooks_webhookdelivery WHERE status <> 'succeeded'"
            )
        )
        if pending == 0:
            break
        time.sleep(1)
    received = json.loads(receiver_out.read_text())
    delivered = int(
        services.sql(
            "SELECT count(*) FROM webhooks_webhookdelivery WHERE status = 'succeeded'"
        )
    )
    services.stop("worker-restarted")
    services.stop("receiver")
    return {
        "published": published,
        "deliveries_succeeded": delivered,
        "deliveries_pending": pending,
        "receiver_requests": received["requests"],
        "receiver_events_processed": received["events_processed"],
        "receiver_duplicates_ignored": received["duplicates_ignored"],
        "all_delivered_after_s": round(time.monotonic() - killed_at, 1),
    }


def ms(microseconds):
    return f"{microseconds / 1000:.1f}"


def topology_label(context):
    servers = context["web_servers"]
    web = f"{servers} gunicorn server{'s' if servers > 1 else ''}"
    if context["topology"] == "replica":
        return f"PostgreSQL 15 primary + streaming replica (Delivery reads) · {web}"
    return f"PostgreSQL 15 · {web}"


def _number(value, digits=0):
    return "-" if value is None else f"{value:,.{digits}f}"


def component_report(steps):
    """Per web server, per database server and per process tree, for each step."""
    lines = [
        "",
        "## Per component",
        "",
        "Throughput of each web server and where its Delivery API requests read "
        "(the app's `cms_delivery_reads_total`; cache hits included, they are "
        "counted where the request would have read):",
        "",
        "| step | web server | connections | req/s | p50 ms | p99 ms | reads on replica "
        "| reads on primary | cache hits | cache misses |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for step in steps:
        app = step["components"]["app"]
        for row in step["per_server"]:
            counters = app.get(row["server"]) or {}
            lines.append(
                f"| {step['name']} | {row['server']} | {row['connections']} | "
                f"{row['rps']:,.0f} | {ms(row['p50_us'])} | {ms(row['p99_us'])} | "
                f"{_number(counters.get('reads_replica', 0))} | "
                f"{_number(counters.get('reads_default', 0))} | "
                f"{_number(counters.get('cache_hit', 0))} | "
                f"{_number(counters.get('cache_miss', 0))} |"
            )
    lines += [
        "",
        "What each PostgreSQL server did (`pg_stat_database` of the `newsroom` "
        "database: transactions, rows returned by scans and fetched by index):",
        "",
        "| step | server | transactions | transactions/s | rows returned | rows fetched |",
        "| --- | --- | ---: | ---: | ---: | ---: |",
    ]
    for step in steps:
        wall = step["components"]["wall_s"]
        for label, key in (("primary", "primary"), ("replica", "replica")):
            counters = step["components"][key]
            if counters is None:
                continue
            lines.append(
                f"| {step['name']} | {label} | {counters['transactions']:,} | "
                f"{counters['transactions'] / wall:,.0f} | "
                f"{counters['rows_returned']:,} | {counters['rows_fetched']:,} |"
            )
    lines += [
        "",
        "CPU time per component (user + system seconds of the process tree, "
        "from /proc; cores = CPU seconds per wall second of the step):",
        "",
        "| step | component | CPU s | cores | CPU ms per request served |",
        "| --- | --- | ---: | ---: | ---: |",
    ]
    for step in steps:
        wall = step["components"]["wall_s"]
        # A web server's CPU per request it served; the others' per request
        # the whole topology served.
        served = {row["server"]: row["requests"] for row in step["per_server"]}
        for name, used in step["components"]["cpu_s"].items():
            requests = served.get(name, step["requests"]) or 1
            lines.append(
                f"| {step['name']} | {name} | {_number(used, 1)} | "
                f"{_number(used and used / wall, 2)} | "
                f"{_number(used and used * 1000 / requests, 2)} |"
            )
    return lines


def report(context, steps, faults, revisions, editor, webhooks, problems):
    lines = [
        "# Load test results",
        "",
        f"{context['when']} · {context['cpus']} CPUs · {topology_label(context)} · "
        f"gunicorn {context['workers']} "
        f"workers x {context['threads']} threads (gthread) per server · Redis · "
        f"{context['articles']} live articles · {context['paths']} distinct URLs · "
        f"wrk, {context['duration']} s per step · load average before/after "
        f"{context['load_before']:.1f}/{os.getloadavg()[0]:.1f}",
        "",
        "| step | connections | requests | req/s | p50 ms | p99 ms | max ms | 2xx/3xx "
        "| 4xx | 503 | other 5xx | socket errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: "
        "| ---: |",
    ]
    for row in [*steps, *faults]:
        lines.append(
            f"| {row['name']} | {row['connections']} | {row['requests']} | "
            f"{row['rps']:.0f} | {ms(row['p50_us'])} | {ms(row['p99_us'])} | "
            f"{ms(row['max_us'])} | {row['ok'] + row['redirect']} | "
            f"{row['client_error']} | {row['unavailable']} | {row['server_error']} | "
            f"{row['socket_errors']} |"
        )
    if context["topology"] == "replica" or context["web_servers"] > 1:
        lines += component_report(steps)
    redis, postgres = faults
    lines += [
        "",
        "## Editing under load",
        "",
        f"- Editor cycles (edit, submit, approve and publish): {editor['cycles']}; "
        f"published {editor['published']}; errors {editor['errors'] or 'none'}.",
        f"- Revisions: {revisions['before']} before, {revisions['after']} after "
        f"(+{revisions['after'] - revisions['before']}); the editor saved "
        f"{editor['revisions_saved']} (+{editor['uncertain_saves']} interrupted "
        f"saves); saved revisions missing afterwards: {revisions['missing']}.",
        f"- Read back over HTTP right after each publish: "
        f"{editor['read_back_statuses']}; stale reads: {len(editor['stale_reads'])}"
        + "".join(
            f"; at {read['at']} UTC page {read['page']} served "
            f"{read['served']!r} after {read['published']!r} was published"
            for read in editor["stale_reads"]
        )
        + ".",
        "",
        "## Faults",
        "",
        f"- Redis stopped for about a third of a step: reads while it was down "
        f"answered {redis['reads_while_down']}; keys in Redis after it came back: "
        f"{redis['keys_after_restart']}.",
        f"- PostgreSQL stopped: uncached API requests answered "
        f"{[p['status'] for p in postgres['api_probes_while_down']]} "
        f"({', '.join(sorted({p['content_type'] for p in postgres['api_probes_while_down']}))}"
        f"); the site "
        f"answered {postgres['site_probe_while_down']['status']}; the same "
        f"gunicorn processes answered 200 again "
        f"{postgres['recovered_after_s'] and round(postgres['recovered_after_s'], 2)} s "
        f"after PostgreSQL was back.",
        f"- Worker killed with SIGKILL mid-delivery (receiver answering after "
        f"{context['receiver_delay']} s): {webhooks['published']} articles published, "
        f"{webhooks['deliveries_succeeded']} deliveries succeeded, "
        f"{webhooks['deliveries_pending']} pending; the receiver got "
        f"{webhooks['receiver_requests']} requests, processed "
        f"{webhooks['receiver_events_processed']} events and ignored "
        f"{webhooks['receiver_duplicates_ignored']} duplicates; everything was "
        f"delivered {webhooks['all_delivered_after_s']} s after the kill.",
        "",
        "## Verdict",
        "",
    ]
    outage = (
        "Delivery reads answered by the replica and the site 503 while the primary "
        "was away"
        if context["topology"] == "replica"
        else "503 problem+json while the database was away"
    )
    lines += [f"- FAILED: {problem}" for problem in problems] or [
        "- All promises held: no 500s, no lost revisions, no stale reads, "
        f"{outage}, each webhook processed once."
    ]
    return "\n".join(lines) + "\n"


def check(steps, faults, revisions, editor, webhooks, replicated=False):
    """The promises, as a list of the ones broken."""
    problems = []
    redis, postgres = faults
    if replicated:
        replica_reads = sum(
            (counters or {}).get("reads_replica", 0)
            for step in steps
            for counters in step["components"]["app"].values()
        )
        if not replica_reads:
            problems.append("no Delivery API read was served by the replica")
    for row in [*steps, redis]:
        if row["unavailable"] or row["server_error"]:
            problems.append(f"{row['name']}: 5xx responses")
    if postgres["server_error"]:
        problems.append("PostgreSQL restart: 5xx other than 503")
    # With a replica, a fresh replica may answer Delivery reads while the
    # primary is away; whatever must reach the primary gets the 503.
    allowed = {200, 503} if replicated else {503}
    if any(p["status"] not in allowed for p in postgres["api_probes_while_down"]):
        problems.append("PostgreSQL down: an uncached API request did not get 503")
    if any(
        p["status"] == 503 and p["content_type"] != "application/problem+json"
        for p in postgres["api_probes_while_down"]
    ):
        problems.append("PostgreSQL down: the 503 was not problem+json")
    if postgres["site_probe_while_down"]["status"] != 503:
        problems.append("PostgreSQL down: the site did not answer 503")
    if postgres["recovered_after_s"] is None:
        problems.append("PostgreSQL back: the app did not recover without a restart")
    if any(status != 200 for status in redis["reads_while_down"]):
        problems.append("Redis down: reads failed")
    if not redis["keys_after_restart"]:
        problems.append("Redis back: the app did not use it again")
    if revisions["missing"]:
        problems.append(f"{revisions['missing']} saved revisions lost")
    gained = revisions["after"] - revisions["before"]
    if not (
        editor["revisions_saved"]
        <= gained
        <= editor["revisions_saved"] + editor["uncertain_saves"]
    ):
        problems.append(
            f"revisions grew by {gained}, the editor saved {editor['revisions_saved']}"
        )
    if editor["stale_reads"]:
        problems.append(f"{len(editor['stale_reads'])} stale reads after publish")
    if webhooks["deliveries_pending"]:
        problems.append("webhooks left undelivered after the worker restart")
    if not webhooks["receiver_duplicates_ignored"]:
        problems.append(
            "the worker was not killed mid-delivery (no repeat reached the receiver)"
        )
    if webhooks["receiver_events_processed"] != webhooks["deliveries_succeeded"]:
        problems.append("the receiver did not process each delivered event once")
    return problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--steps", default="16,64,256")
    parser.add_argument("--duration", type=int, default=20, help="seconds per step")
    parser.add_argument("--fault-duration", type=int, default=30)
    parser.add_argument("--pg-outage", type=int, default=6)
    parser.add_argument("--articles", type=int, default=300)
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=4)
    parser.add_argument(
        "--topology",
        choices=("single", "replica"),
        default="single",
        help="single: one PostgreSQL, one gunicorn; replica: as deployed, a "
        "streaming replica for Delivery reads and several gunicorn servers",
    )
    parser.add_argument(
        "--web-servers",
        type=int,
        help="gunicorn servers, each on its own port (1 single, 2 replica)",
    )
    parser.add_argument("--pg-port", type=int, default=5499)
    parser.add_argument("--replica-port", type=int, default=5489)
    parser.add_argument("--redis-port", type=int, default=6399)
    parser.add_argument("--app-port", type=int, default=8099)
    parser.add_argument("--receiver-port", type=int, default=8098)
    parser.add_argument("--receiver-delay", type=float, default=4.0)
    parser.add_argument("--webhook-events", type=int, default=3)
    parser.add_argument("--webhook-wait", type=int, default=120)
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()
    if args.web_servers is None:
        args.web_servers = 2 if args.topology == "replica" else 1
    # Web server n listens on --app-port + 100 * (n - 1).
    args.app_ports = [args.app_port + 100 * n for n in range(args.web_servers)]

    ports = [args.pg_port, args.redis_port, *args.app_ports, args.receiver_port]
    if args.topology == "replica":
        ports.append(args.replica_port)
    for port in ports:
        if not port_is_free(port):
            sys.exit(f"Port {port} is in use; pick another with the --*-port options.")
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")

    services = Services(args)
    # SIGTERM/SIGINT still clean up: turn them into an exception.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("stopped"))
    try:
        log(f"PostgreSQL on :{args.pg_port}, Redis on :{args.redis_port}")
        services.start_postgres()
        if services.replicated:
            services.start_replica()
            log(f"streaming replica on :{args.replica_port}")
        services.redis_start()
        log("migrating, loading the demo and generating articles")
        seed(services, args.articles)
        services.start_app()
        paths, path_count = write_paths(services)
        articles = int(
            services.sql(
                "SELECT count(*) FROM blog_articlepage a JOIN "
                "wagtailcore_page p ON p.id = a.page_ptr_id WHERE p.live"
            )
        )
        log(
            f"gunicorn on :{', :'.join(str(p) for p in args.app_ports)}; "
            f"{articles} live articles"
        )

        revisions = {
            "before": int(services.sql("SELECT count(*) FROM wagtailcore_revision"))
        }
        editor_out = services.tmp / "editor.json"
        services.spawn(
            "editor",
            [
                PYTHON,
                str(HERE / "editor.py"),
                # The read-back goes through the last web server: with
                # several, not necessarily one whose process saw the publish.
                "--api",
                services.base_urls[-1],
                "--out",
                str(editor_out),
            ],
        )
        load_before = os.getloadavg()[0]
        steps = []
        for connections in [int(c) for c in args.steps.split(",")]:
            name = f"{connections} connections"
            before = services.snapshot()
            load_generator = resource.getrusage(resource.RUSAGE_CHILDREN)
            process = wrk(services, connections, args.duration, paths, name)
            figures = finish_wrk(process, name, connections)
            figures["components"] = step_components(services, before, load_generator)
            steps.append(figures)
        faults = [
            redis_fault(services, paths, args.fault_duration),
            postgres_fault(services, paths, args.fault_duration, args.pg_outage),
        ]
        services.stop("editor", timeout=60)
        editor = json.loads(editor_out.read_text())
        revisions["after"] = int(
            services.sql("SELECT count(*) FROM wagtailcore_revision")
        )
        ids = ",".join(str(pk) for pk in editor["revision_ids"]) or "0"
        found = int(
            services.sql(
                f"SELECT count(*) FROM wagtailcore_revision WHERE id IN ({ids})"
            )
        )
        revisions["missing"] = editor["revisions_saved"] - found
        log(
            f"editor: {editor['published']} published, {len(editor['stale_reads'])} stale reads"
        )

        webhooks = worker_fault(services, args)
        context = {
            "when": f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC",
            "cpus": os.cpu_count(),
            "workers": args.workers,
            "threads": args.threads,
            "articles": articles,
            "paths": path_count,
            "duration": args.duration,
            "receiver_delay": args.receiver_delay,
            "load_before": load_before,
            "topology": args.topology,
            "web_servers": args.web_servers,
        }
        problems = check(
            steps, faults, revisions, editor, webhooks, services.replicated
        )
        text = report(context, steps, faults, revisions, editor, webhooks, problems)
        Path(args.out).write_text(text)
        (services.tmp / "raw.json").write_text(
            json.dumps(
                {
                    "steps": steps,
                    "faults": faults,
                    "revisions": revisions,
                    "editor": editor,
                    "webhooks": webhooks,
                },
                indent=2,
                default=str,
            )
        )
        print()
        print(text)
        if args.keep:
            log(f"raw figures in {services.tmp / 'raw.json'}")
        return 1 if problems else 0
    finally:
        services.close()


if __name__ == "__main__":
    sys.exit(main())
