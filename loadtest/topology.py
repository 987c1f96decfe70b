"""
Per-component figures for ``make loadtest --topology replica``.

A step's total req/s says how much the deployment served, not which part
would give out first. These snapshots are taken before and after each load
step, and their differences say, per component:

- **CPU seconds** of each process tree (a gunicorn master and its workers, a
  postmaster and its backends, Redis, the editor, the load generator), read
  from ``/proc``: user + system time of the live processes plus the time of
  children already reaped (PostgreSQL backends that ended). CPU seconds per
  wall second is the number of cores a component kept busy.
- **Where the Delivery API read**: the app's own counter
  ``cms_delivery_reads_total{database=...}`` and its cache lookups, scraped
  from each gunicorn's ``/metrics`` (one multiprocess directory per server),
  and on each PostgreSQL server the ``pg_stat_database`` transaction and row
  counters, which count what the servers did rather than what the app chose.
"""

import os
import re
import subprocess
import urllib.request
from pathlib import Path

TICKS = os.sysconf("SC_CLK_TCK")
METRIC_LINE = re.compile(
    r'^(cms_delivery_reads_total|cms_delivery_cache_lookups_total)\{(\w+)="(\w+)"\} (\S+)$'
)


def _stat(pid):
    """(ppid, own CPU ticks, reaped children's CPU ticks) of one process, or None."""
    try:
        text = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    # The command name may hold spaces and parentheses: split after the last ')'.
    fields = text[text.rindex(")") + 2 :].split()
    ppid = int(fields[1])
    utime, stime, cutime, cstime = (int(value) for value in fields[11:15])
    return ppid, utime + stime, cutime + cstime


def _all_processes():
    processes = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            stat = _stat(int(entry))
            if stat is not None:
                processes[int(entry)] = stat
    return processes


def cpu_seconds(roots):
    """
    CPU seconds used so far by each named process tree: ``roots`` maps a
    component name to its root process id (None when it is not running).
    """
    processes = _all_processes()
    children = {}
    for pid, (ppid, _own, _reaped) in processes.items():
        children.setdefault(ppid, []).append(pid)
    used = {}
    for name, root in roots.items():
        if root is None or root not in processes:
            used[name] = None
            continue
        ticks = processes[root][2]
        pending = [root]
        while pending:
            pid = pending.pop()
            ticks += processes[pid][1]
            pending.extend(children.get(pid, ()))
        used[name] = ticks / TICKS
    return used


def pid_from_file(path):
    """The first line of a pid file (postmaster.pid, redis.pid), or None."""
    try:
        return int(Path(path).read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return None


def pg_counters(port, database="newsroom"):
    """Transactions and rows read on one PostgreSQL server, from pg_stat_database."""
    result = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            "postgres",
            "-d",
            database,
            "-AtF,",
            "-c",
            "SELECT xact_commit + xact_rollback, tup_returned, tup_fetched "
            f"FROM pg_stat_database WHERE datname = '{database}'",
        ],
        capture_output=True,
        text=True,
    )
    if result.returncode != 0 or not result.stdout.strip():
        return None
    transactions, returned, fetched = (int(v) for v in result.stdout.split(","))
    return {
        "transactions": transactions,
        "rows_returned": returned,
        "rows_fetched": fetched,
    }


def app_counters(base_url):
    """The Delivery API's read and cache counters of one gunicorn server."""
    counters = {}
    try:
        with urllib.request.urlopen(base_url + "/metrics", timeout=10) as response:
            text = response.read().decode()
    except OSError:
        return counters
    for line in text.splitlines():
        match = METRIC_LINE.match(line)
        if match:
            metric, _label, value, number = match.groups()
            key = (
                "reads_" if metric.startswith("cms_delivery_reads") else "cache_"
            ) + value
            counters[key] = counters.get(key, 0) + float(number)
    return counters


def difference(after, before):
    """after - before, key by key; None where either side is missing."""
    if after is None or before is None:
        return None
    return {key: after[key] - before.get(key, 0) for key in after}
