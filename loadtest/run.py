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

Everything is stopped and deleted at the end, whatever happened. The results
are printed as Markdown and written to ``loadtest/results.md``; the exit
status is non-zero when a promise was broken.
"""

import argparse
import contextlib
import json
import os
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
        self.processes = {}
        self.as_postgres = os.geteuid() == 0
        self.database_url = f"postgres://postgres@127.0.0.1:{args.pg_port}/newsroom"
        self.redis_url = f"redis://127.0.0.1:{args.redis_port}/0"
        self.base_url = f"http://127.0.0.1:{args.app_port}"
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

    def spawn(self, name, command, **kwargs):
        out = open(self.tmp / f"{name}.log", "ab")  # noqa: SIM115
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=self.env,
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
        self.spawn(
            "gunicorn",
            [
                GUNICORN,
                "cms.wsgi",
                "--bind",
                f"127.0.0.1:{self.args.app_port}",
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
        )
        for _ in range(100):
            with contextlib.suppress(OSError):
                if get(self.base_url + "/api/v1/articles/?limit=1")[0] == 200:
                    return
            time.sleep(0.3)
        raise RuntimeError("gunicorn did not answer; see gunicorn.log")

    def close(self):
        for name in list(self.processes):
            self.stop(name, timeout=10)
        with contextlib.suppress(Exception):
            self.redis_stop()
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
    """Start wrk in the background; ``finish_wrk`` collects its figures."""
    env = {**os.environ, "LOADTEST_PATHS": str(paths)}
    threads = min(connections, max(2, os.cpu_count() or 2))
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
            services.base_url,
        ],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def finish_wrk(process, name, connections):
    output, _ = process.communicate()
    line = next(
        (row for row in output.splitlines() if row.startswith("LOADTEST ")), None
    )
    if line is None:
        raise RuntimeError(f"wrk gave no figures for {name}:\n{output}")
    figures = json.loads(line.removeprefix("LOADTEST "))
    figures["name"] = name
    figures["connections"] = connections
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


def report(context, steps, faults, revisions, editor, webhooks, problems):
    lines = [
        "# Load test results",
        "",
        f"{context['when']} · {context['cpus']} CPUs · gunicorn {context['workers']} "
        f"workers x {context['threads']} threads (gthread) · PostgreSQL 15 · Redis · "
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
        f"{editor['read_back_statuses']}; stale reads: {len(editor['stale_reads'])}.",
        "",
        "## Faults",
        "",
        f"- Redis stopped for about a third of a step: reads while it was down "
        f"answered {redis['reads_while_down']}; keys in Redis after it came back: "
        f"{redis['keys_after_restart']}.",
        f"- PostgreSQL stopped: uncached API requests answered "
        f"{[p['status'] for p in postgres['api_probes_while_down']]} "
        f"({postgres['api_probes_while_down'][0]['content_type']}); the site "
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
    lines += [f"- FAILED: {problem}" for problem in problems] or [
        "- All promises held: no 500s, no lost revisions, no stale reads, "
        "503 problem+json while the database was away, each webhook processed once."
    ]
    return "\n".join(lines) + "\n"


def check(steps, faults, revisions, editor, webhooks):
    """The promises, as a list of the ones broken."""
    problems = []
    redis, postgres = faults
    for row in [*steps, redis]:
        if row["unavailable"] or row["server_error"]:
            problems.append(f"{row['name']}: 5xx responses")
    if postgres["server_error"]:
        problems.append("PostgreSQL restart: 5xx other than 503")
    if any(p["status"] != 503 for p in postgres["api_probes_while_down"]):
        problems.append("PostgreSQL down: an uncached API request did not get 503")
    if any(
        p["content_type"] != "application/problem+json"
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
    parser.add_argument("--pg-port", type=int, default=5499)
    parser.add_argument("--redis-port", type=int, default=6399)
    parser.add_argument("--app-port", type=int, default=8099)
    parser.add_argument("--receiver-port", type=int, default=8098)
    parser.add_argument("--receiver-delay", type=float, default=4.0)
    parser.add_argument("--webhook-events", type=int, default=3)
    parser.add_argument("--webhook-wait", type=int, default=120)
    parser.add_argument("--out", default=str(HERE / "results.md"))
    parser.add_argument("--keep", action="store_true", help="keep the temp folder")
    args = parser.parse_args()

    for port in (args.pg_port, args.redis_port, args.app_port, args.receiver_port):
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
        log(f"gunicorn on :{args.app_port}; {articles} live articles")

        revisions = {
            "before": int(services.sql("SELECT count(*) FROM wagtailcore_revision"))
        }
        editor_out = services.tmp / "editor.json"
        services.spawn(
            "editor",
            [
                PYTHON,
                str(HERE / "editor.py"),
                "--api",
                services.base_url,
                "--out",
                str(editor_out),
            ],
        )
        load_before = os.getloadavg()[0]
        steps = []
        for connections in [int(c) for c in args.steps.split(",")]:
            name = f"{connections} connections"
            process = wrk(services, connections, args.duration, paths, name)
            steps.append(finish_wrk(process, name, connections))
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
        }
        problems = check(steps, faults, revisions, editor, webhooks)
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
