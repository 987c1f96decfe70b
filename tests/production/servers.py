"""Running the app as production runs it: gunicorn in a subprocess, on a free port."""

import os
import secrets
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
VENV_BIN = Path(sys.executable).parent


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def production_env(**overrides):
    """The environment of a production process on this machine, without the caller's settings."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DATABASE_", "GUNICORN_", "PROMETHEUS_"))
        and key not in {"SECRET_KEY", "ALLOWED_HOSTS", "REDIS_URL", "STATIC_ROOT"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="cms.settings.production",
        SECRET_KEY=secrets.token_urlsafe(60),
        ALLOWED_HOSTS="127.0.0.1,localhost",
        # Plain HTTP on loopback: nothing terminates TLS in front of it here.
        SECURE_SSL_REDIRECT="false",
        PATH=f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '')}",
    )
    env.update(overrides)
    return env


def get(url, headers=None, data=None, method=None, timeout=10):
    """(status, headers, body) of one HTTP request; HTTP errors are answers too."""
    request = urllib.request.Request(  # noqa: S310 - http://127.0.0.1 only
        url, headers=headers or {}, data=data, method=method
    )
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:  # noqa: S310
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


class Server:
    """A process serving HTTP on ``port``; started by ``start()``, ended by ``stop()``."""

    def __init__(self, command, env, port, log_path):
        self.command = command
        self.env = env
        self.port = port
        self.log_path = Path(log_path)
        self.process = None

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout=90):
        log = self.log_path.open("wb")
        self.process = subprocess.Popen(  # noqa: S603
            self.command,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"server exited early:\n{self.log()}")
            try:
                status, _, _ = get(f"{self.url}/healthz", timeout=2)
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(
            f"server did not answer /healthz in {timeout}s:\n{self.log()}"
        )

    def log(self):
        return self.log_path.read_text(errors="replace")[-5000:]

    def stop(self):
        if self.process is None or self.process.poll() is not None:
            return
        # The whole process group: make, gunicorn's master and its workers.
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)


def gunicorn(env, port, log_path, workers=1):
    """gunicorn with the project's configuration, as ``make serve`` starts it."""
    env = {
        **env,
        "GUNICORN_BIND": f"127.0.0.1:{port}",
        "GUNICORN_WORKERS": str(workers),
        "GUNICORN_GRACEFUL_TIMEOUT": "5",
    }
    command = [
        str(VENV_BIN / "gunicorn"),
        "-c",
        "deploy/gunicorn.conf.py",
        "cms.wsgi",
    ]
    return Server(command, env, port, log_path)
