"""
``make bench``: the Delivery API against Wagtail's stock v2 API and against
the same bytes served as a static file, on SQLite and on PostgreSQL.

For each database: make sure the data set exists (``generate_articles``),
choose the requests and write the static copies (``bench/prepare.py``),
serve with gunicorn (2 workers, production settings, DEBUG off) and load the
list, detail and search requests with wrk:

- ours, uncached: ``API_RESPONSE_CACHE=false``, every request runs the endpoint;
- ours, cached: the server-side response cache (local memory per worker on
  SQLite, Redis on PostgreSQL), warmed first;
- stock v2: ``/api/v2/pages/?type=blog.ArticlePage&fields=*`` and its search;
- static: our response bytes served by whitenoise, the ceiling; measured on
  the cached server in turn with the cached rows, the best of two runs each;
- on PostgreSQL, the cached rows again with ``API_GENERATION_LEASE=0``: a
  Redis round trip for every answer, what the generation leases save.

Then 10,000 mixed requests against the uncached server, with each worker's
resident memory before and after. Prints Markdown tables and writes them to
``bench/results/<database>-<articles>.md``.
"""

import argparse
import datetime
import json
import os
import platform
import re
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"
DATA = BENCH / "data"
RESULTS = BENCH / "results"
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).with_name("gunicorn"))
POSTGRES_SERVER = os.environ.get(
    "BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432"
)
POSTGRES_DATABASE = os.environ.get("BENCH_POSTGRES_DATABASE", "bench")
REDIS_URL = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/1")
KINDS = ("list", "deep", "cursor", "detail", "by-path", "search")
MIXED_REQUESTS = 10_000
# Runs of the cached rows and of the static ceiling, taken in turn.
SIDE_BY_SIDE_ROUNDS = 2


def log(message):
    print(f"[bench] {message}", file=sys.stderr, flush=True)


# -- databases ---------------------------------------------------------------


class Target:
    """One database to benchmark on, and the environment its processes get."""

    def __init__(self, name, articles, secret_key, translated=0.0):
        self.name = name
        self.articles = articles
        self.translated = translated
        if name == "sqlite":
            self.url = f"sqlite:///{DATA / f'bench-{articles}.sqlite3'}"
            self.label = "SQLite"
        else:
            self.url = f"{POSTGRES_SERVER}/{POSTGRES_DATABASE}"
            self.label = "PostgreSQL"
        self.static_root = DATA / f"static-{name}-{articles}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "bench.settings",
            "BENCH_DATABASE_URL": self.url,
            "BENCH_STATIC_ROOT": str(self.static_root),
            "SECRET_KEY": secret_key,
            "PYTHONUNBUFFERED": "1",
        }
        self.env.pop("DATABASE_URL", None)
        if name == "postgres":
            self.env["REDIS_URL"] = REDIS_URL
        else:
            self.env.pop("REDIS_URL", None)

    def manage(self, *args, capture=False):
        command = [PYTHON, str(ROOT / "manage.py"), *args]
        if capture:
            return subprocess.run(
                command,
                env=self.env,
                cwd=ROOT,
                check=True,
                capture_output=True,
                text=True,
            ).stdout
        subprocess.run(command, env=self.env, cwd=ROOT, check=True)
        return None

    def ensure_database(self):
        """The PostgreSQL database exists, and holds no more articles than asked."""
        if self.name != "postgres":
            DATA.mkdir(parents=True, exist_ok=True)
            return
        import psycopg

        with psycopg.connect(f"{POSTGRES_SERVER}/postgres", autocommit=True) as conn:
            exists = conn.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [POSTGRES_DATABASE]
            ).fetchone()
            if exists and self._article_count() > self.articles:
                log(f"{POSTGRES_DATABASE} holds a larger data set; starting afresh.")
                conn.execute(f'DROP DATABASE "{POSTGRES_DATABASE}" WITH (FORCE)')
                exists = None
            if not exists:
                conn.execute(f'CREATE DATABASE "{POSTGRES_DATABASE}"')

    def _article_count(self):
        import psycopg

        try:
            with psycopg.connect(self.url) as conn:
                # Stories, not documents: a translation shares its source's key.
                return conn.execute(
                    "SELECT count(DISTINCT translation_key) FROM delivery_deliverydocument"
                    " WHERE page_type = 'article'"
                ).fetchone()[0]
        except psycopg.Error:
            return 0

    def generate(self):
        self.ensure_database()
        log(f"{self.label}: migrating {self.url}")
        self.manage("migrate", "--noinput", "-v", "0")
        log(f"{self.label}: making sure {self.articles:,} articles exist")
        started = time.monotonic()
        self.manage(
            "generate_articles",
            "--articles",
            str(self.articles),
            "--translated",
            str(self.translated),
        )
        return time.monotonic() - started


# -- the server --------------------------------------------------------------


class Server:
    """gunicorn with 2 sync workers on 127.0.0.1, started and stopped by us."""

    def __init__(self, target, port, *, response_cache, lease=None):
        self.target = target
        self.port = port
        self.env = {
            **target.env,
            "API_RESPONSE_CACHE": "true" if response_cache else "false",
        }
        if lease is not None:
            self.env["API_GENERATION_LEASE"] = str(lease)
        self.process = None

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "cms.wsgi:application",
                "--workers",
                "2",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--log-level",
                "warning",
                # A slow stock v2 or search request on a busy machine must be
                # measured, not killed at gunicorn's default 30 seconds.
                "--timeout",
                "180",
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError("gunicorn exited while starting")
            try:
                with urllib.request.urlopen(
                    self.url("/api/v1/articles/?limit=1"), timeout=5
                ):
                    if len(self.workers()) == 2:
                        return self
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(0.5)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer within 90 seconds")

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def url(self, path):
        return f"http://127.0.0.1:{self.port}{path}"

    def workers(self):
        pid = self.process.pid
        try:
            children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
        except OSError:
            return []
        return [int(child) for child in children]

    def rss(self):
        """Resident memory of each worker, in MiB."""
        sizes = {}
        for pid in self.workers():
            status = Path(f"/proc/{pid}/status").read_text()
            kib = int(re.search(r"VmRSS:\s+(\d+) kB", status).group(1))
            sizes[pid] = kib / 1024
        return sizes

    def warm(self, paths, rounds=3):
        for _ in range(rounds):
            for path in paths:
                with _NOT_FOLLOWING.open(self.url(path), timeout=180) as response:
                    response.read()


class _KeepRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is the answer (stock ``find/``), as wrk sees it, not a hop."""

    def redirect_request(self, *args, **kwargs):
        return None


class _RedirectAnswer(urllib.request.BaseHandler):
    """Hands a 3xx back as a response instead of raising it."""

    handler_order = 1000

    def http_error_302(self, req, fp, code, msg, headers):
        return fp


_NOT_FOLLOWING = urllib.request.build_opener(_KeepRedirects, _RedirectAnswer)


# -- wrk -----------------------------------------------------------------------


UNITS = {"us": 1e-3, "ms": 1.0, "s": 1e3, "m": 60e3}


def _ms(text):
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * UNITS[unit]


def parse_wrk(output):
    """Requests/s, p50 and p99 in ms, requests, and failures from wrk's report."""
    percentiles = dict(re.findall(r"^\s+(50|99)%\s+(\S+)\s*$", output, re.MULTILINE))
    if set(percentiles) != {"50", "99"}:
        raise RuntimeError("Unexpected wrk report:\n" + output)
    result = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1)),
        "p50": _ms(percentiles["50"]),
        "p99": _ms(percentiles["99"]),
        "requests": int(re.search(r"(\d+) requests in", output).group(1)),
        "errors": 0,
    }
    non_2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    if non_2xx:
        result["errors"] += int(non_2xx.group(1))
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output
    )
    if sockets:
        # Reads fail when gunicorn's sync workers close a connection wrk
        # meant to reuse; only refused connections and timeouts are failures.
        result["errors"] += int(sockets.group(1)) + int(sockets.group(4))
    return result


def wrk(server, paths, args, *, duration=None, connections=None):
    connections = connections or args.connections
    threads = min(args.threads, connections)
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as listing:
        listing.write("\n".join(paths) + "\n")
    try:
        output = subprocess.run(
            [
                "wrk",
                f"-t{threads}",
                f"-c{connections}",
                f"-d{duration or args.duration}s",
                "--timeout",
                "10s",
                "--latency",
                "-s",
                str(BENCH / "rotate.lua"),
                server.url(""),
            ],
            env={**os.environ, "BENCH_PATHS": listing.name},
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(listing.name)
    return parse_wrk(output)


def drain(server, path="/api/v1/articles/?limit=1", timeout=300):
    """
    Wait until the workers have answered every request wrk left queued.

    When wrk stops, the requests its connections had sent are still in the
    listen queue, and the sync workers answer them one by one: after the
    stock v2 search (seconds a request on SQLite) that is tens of seconds
    of work, and a one-client request sent meanwhile waits behind all of it
    (one such wait showed as a p99 of 17.6 s). A new connection is accepted
    after those already queued, so two quick answers in a row mean the queue
    is empty.
    """
    quick = 0
    deadline = time.monotonic() + timeout
    while quick < 2 and time.monotonic() < deadline:
        began = time.perf_counter()
        with urllib.request.urlopen(server.url(path), timeout=timeout) as response:
            response.read()
        quick = quick + 1 if time.perf_counter() - began < 0.2 else 0


def one_client(server, paths, duration):
    """
    Requests/s, p50 and p99 of ``paths`` asked in turn by one client, each on
    a new connection, for ``duration`` seconds: each request's own time.

    Not wrk: with a single connection, wrk writes its next request before it
    notices that the sync worker closed the connection, and the retries
    showed as stalls of 0.2-4 s (and a run of nothing but read errors on
    SQLite) that no request took on the server.
    """
    times = []
    started = time.monotonic()
    while time.monotonic() - started < duration:
        for path in paths:
            began = time.perf_counter()
            with urllib.request.urlopen(server.url(path), timeout=180) as response:
                response.read()
            times.append((time.perf_counter() - began) * 1000)
    elapsed = time.monotonic() - started
    times.sort()
    return {
        "rps": len(times) / elapsed,
        "p50": times[len(times) // 2],
        "p99": times[min(len(times) - 1, int(len(times) * 0.99))],
        "requests": len(times),
        "errors": 0,
    }


def wrk_until(server, paths, args, requests):
    """
    Short wrk runs until ``requests`` responses have been received (or the
    time allowed is up). Each run ends cleanly: wrk closes its connections
    at the end of a run, while a thread stopped early would leave a sync
    worker waiting on an idle connection until gunicorn kills it.
    """
    started = time.monotonic()
    total = errors = 0
    while total < requests and time.monotonic() - started < args.mixed_timeout:
        run = wrk(server, paths, args, duration=10)
        total += run["requests"]
        errors += run["errors"]
    elapsed = time.monotonic() - started
    return {"requests": total, "errors": errors, "rps": total / elapsed}


# -- one database ------------------------------------------------------------


def run_target(target, args):
    generated_in = target.generate()
    if target.static_root.exists():
        shutil.rmtree(target.static_root)
    (DATA / "staticfiles").mkdir(parents=True, exist_ok=True)
    host = f"127.0.0.1:{args.port}"
    log(f"{target.label}: choosing requests, counting queries, writing static copies")
    prepared = json.loads(
        subprocess.run(
            [PYTHON, "-m", "bench.prepare", host, str(target.static_root)],
            env=target.env,
            cwd=ROOT,
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    requests, facts = prepared["requests"], prepared["facts"]
    results = {kind: {} for kind in KINDS}
    latency = {}
    memory = {}

    with Server(target, args.port, response_cache=False) as server:
        for kind in KINDS:
            for side in ("ours", "stock"):
                paths = requests[kind][side]
                server.warm(paths, rounds=1)
                log(f"{target.label}: {kind}, {side}")
                results[kind][side if side != "ours" else "uncached"] = wrk(
                    server, paths, args
                )
        # One client at a time: the time a search takes, without the queue
        # that 16 connections on 2 workers put in front of it.
        for side in ("ours", "stock"):
            log(f"{target.label}: search, {side}, one client")
            drain(server)
            latency[side] = one_client(server, requests["search"][side], args.duration)
        mixed = [path for kind in KINDS for path in requests[kind]["ours"]]
        server.warm(mixed, rounds=1)
        memory["before"] = server.rss()
        log(f"{target.label}: {args.mixed_requests:,} mixed requests, memory check")
        memory["run"] = wrk_until(server, mixed, args, args.mixed_requests)
        memory["after"] = server.rss()

    with Server(target, args.port, response_cache=True) as server:
        for kind in KINDS:
            # Both workers have their own cache on SQLite: several rounds
            # make sure each has seen every request.
            server.warm(requests[kind]["ours"], rounds=6)
            server.warm(requests[kind]["static"], rounds=1)
            # The cached answers and the ceiling in turn, from the same
            # server, each the best of its runs: what the machine's other
            # work takes away falls on both alike.
            runs = {"cached": [], "static": []}
            for _ in range(SIDE_BY_SIDE_ROUNDS):
                for row, side in (("cached", "ours"), ("static", "static")):
                    log(f"{target.label}: {kind}, {row}")
                    runs[row].append(wrk(server, requests[kind][side], args))
            for row, measured in runs.items():
                results[kind][row] = max(measured, key=lambda run: run["rps"])

    if target.name == "postgres":
        # The same cached answers with a Redis round trip each: what the
        # generation leases save (the local-memory cache of SQLite has none).
        with Server(target, args.port, response_cache=True, lease=0) as server:
            for kind in KINDS:
                server.warm(requests[kind]["ours"], rounds=3)
                runs = []
                for _ in range(SIDE_BY_SIDE_ROUNDS):
                    log(f"{target.label}: {kind}, cached, no lease")
                    runs.append(wrk(server, requests[kind]["ours"], args))
                results[kind]["unleased"] = max(runs, key=lambda run: run["rps"])

    return {
        "target": target,
        "results": results,
        "latency": latency,
        "facts": facts,
        "memory": memory,
        "generated_in": generated_in,
        "requests": requests,
    }


# -- the report ----------------------------------------------------------------

ROWS = [
    ("uncached", "Delivery API, uncached"),
    ("cached", "Delivery API, cached"),
    ("unleased", "Delivery API, cached, no lease"),
    ("stock", "Wagtail API v2 (stock)"),
    ("static", "Static file (whitenoise)"),
]
REQUEST_NAMES = {
    "list": "List of 20 articles",
    "deep": "List, deepest numbered page",
    "cursor": "List, 90% deep (cursor)",
    "detail": "Article detail",
    "by-path": "Article by path",
    "search": "Search",
}


def _fact(facts, kind, row):
    key = {
        "uncached": "ours",
        "cached": "cached",
        "unleased": "cached",
        "stock": "stock",
        "static": "static",
    }[row]
    return facts[kind].get(key, {})


def report(outcome, args):
    target = outcome["target"]
    results, facts, memory = outcome["results"], outcome["facts"], outcome["memory"]
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        f"### {target.label}, {target.articles:,} articles",
        "",
        f"{target.translated:.0%} of the articles also have an Arabic translation "
        "(their own documents and search entries; lists default to English).",
        "",
        f"{now}; {os.cpu_count()} CPU cores, Python {platform.python_version()}; "
        f"gunicorn 2 sync workers, wrk -t{args.threads} -c{args.connections} "
        f"-d{args.duration}s; load average at start {outcome['load']}. "
        "Figures on a machine shared with other work are noisy.",
        "",
        "| Request | Server | Req/s | p50 ms | p99 ms | vs stock v2 | % of static "
        "| KB | SQL queries | Errors |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for kind in KINDS:
        stock = results[kind]["stock"]["rps"]
        static = results[kind]["static"]["rps"]
        for row, name in ROWS:
            if row not in results[kind]:
                continue
            measured = results[kind][row]
            fact = _fact(facts, kind, row)
            ratio = measured["rps"] / stock if stock else 0
            share = 100 * measured["rps"] / static if static else 0
            lines.append(
                f"| {REQUEST_NAMES[kind]} | {name} | {measured['rps']:,.0f} "
                f"| {measured['p50']:.1f} | {measured['p99']:.1f} "
                f"| {ratio:,.1f}x | {share:.0f}% "
                f"| {fact.get('bytes', 0) / 1024:,.0f} | {fact.get('queries', '')} "
                f"| {measured['errors']} |"
            )
    lines += [
        "",
        f"Requests: list `{outcome['requests']['list']['ours'][0]}` against "
        f"`{outcome['requests']['list']['stock'][0]}`; detail rotates over "
        f"{len(outcome['requests']['detail']['ours'])} articles spread over the "
        f"data set, and by path over the same articles (stock: `find/`, which "
        "answers with a redirect to the detail); the deepest numbered page is "
        f"`{outcome['requests']['deep']['ours'][0]}` (offsets stop at 10,000), "
        "the cursor page is nine tenths into the archive (stock has no cursor: "
        "its row pages by offset to the same depth); search rotates over "
        f"{len(outcome['requests']['search']['ours'])} queries. SQL queries: one "
        "request with an empty cache (cached: a repeat).",
        "",
        "Search with one client (each query's own time, no queue):",
        "",
        "| Server | Req/s | p50 ms | p99 ms |",
        "| --- | ---: | ---: | ---: |",
        *(
            f"| {name} | {run['rps']:,.1f} | {run['p50']:.1f} | {run['p99']:.1f} |"
            for name, run in (
                ("Delivery API, uncached", outcome["latency"]["ours"]),
                ("Wagtail API v2 (stock)", outcome["latency"]["stock"]),
            )
        ),
        "",
        f"Worker memory (RSS, MiB) around {memory['run']['requests']:,} mixed "
        f"uncached requests ({memory['run']['rps']:,.0f} req/s, "
        f"{memory['run']['errors']} errors):",
        "",
        "| Worker | Before | After | Change |",
        "| --- | ---: | ---: | ---: |",
    ]
    for number, pid in enumerate(sorted(memory["before"]), start=1):
        before = memory["before"][pid]
        after = memory["after"].get(pid)
        if after is None:
            lines.append(f"| {number} | {before:.1f} | (restarted) | |")
        else:
            lines.append(
                f"| {number} | {before:.1f} | {after:.1f} | {after - before:+.1f} |"
            )
    lines += [
        "",
        f"Data set ready in {outcome['generated_in']:,.0f}s "
        "(generated, or found and reused).",
        "",
    ]
    return "\n".join(lines)


def publish_section(target, rounds):
    """``bench.publish`` on the data set just measured: publish cost and publish to visible."""
    log(f"{target.label}: publishing beside stock Wagtail, {rounds} rounds")
    output = subprocess.run(
        [PYTHON, "-m", "bench.publish", "--rounds", str(rounds)],
        env=target.env,
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    return f"\n{output}"


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument(
        "--database", choices=["sqlite", "postgres", "both"], default="both"
    )
    parser.add_argument(
        "--translated",
        type=float,
        default=0.1,
        help="share of the articles that also have an Arabic translation",
    )
    parser.add_argument("--duration", type=int, default=10, help="seconds per wrk run")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--port", type=int, default=8865)
    parser.add_argument("--mixed-requests", type=int, default=MIXED_REQUESTS)
    parser.add_argument(
        "--publish-rounds",
        type=int,
        default=20,
        help="rounds of bench.publish after each database's tables (0: skip)",
    )
    parser.add_argument(
        "--mixed-timeout",
        type=int,
        default=300,
        help="seconds the memory check may take; the table shows how many were sent",
    )
    args = parser.parse_args(argv)
    # Stopped from outside: leave through the servers' context managers, so
    # no gunicorn is left behind.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("Stopped."))
    if shutil.which("wrk") is None:
        sys.exit("wrk is needed: apt-get install wrk")
    names = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    secret_key = secrets.token_urlsafe(50)
    RESULTS.mkdir(parents=True, exist_ok=True)
    tables = []
    for name in names:
        target = Target(name, args.articles, secret_key, args.translated)
        load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
        outcome = run_target(target, args)
        outcome["load"] = load
        table = report(outcome, args)
        if args.publish_rounds:
            table += "\n" + publish_section(target, args.publish_rounds)
        path = RESULTS / f"{name}-{args.articles}.md"
        path.write_text(table)
        log(f"written to {path.relative_to(ROOT)}")
        tables.append(table)
        print(table, flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
