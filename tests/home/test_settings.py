"""Production settings refuse to start half-configured."""

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOOD_KEY = "k" * 10 + "x9!Qz#r7Lm2$Vb8&Nc4*Wd6^Yf3@Hg5%Jk1(Pt0)Su" + "q" * 10


def run_check(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        # Browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; a
        # deployment never does, and check --deploy rightly refuses it.
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="cms.settings.production")
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    "env",
    [
        {"ALLOWED_HOSTS": "cms.example.com"},
        {"SECRET_KEY": "short", "ALLOWED_HOSTS": "cms.example.com"},
        {"SECRET_KEY": GOOD_KEY},
        {"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "*"},
    ],
    ids=["no-secret-key", "weak-secret-key", "no-allowed-hosts", "wildcard-hosts"],
)
def test_production_refuses_to_start_without_real_configuration(env):
    result = run_check(**env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_production_deploy_check_is_clean_when_configured():
    result = run_check(SECRET_KEY=GOOD_KEY, ALLOWED_HOSTS="cms.example.com")
    assert result.returncode == 0, result.stdout + result.stderr
