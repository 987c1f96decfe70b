"""Production configuration from the environment: replica, S3 media, CDN purge, logs."""

import json
import os
import subprocess
import sys

import pytest

from .servers import ROOT, production_env

INSPECT = """
import json
import django
django.setup()
from django.conf import settings
from django.core.files.storage import storages
default_storage = storages["default"]
from wagtail.contrib.frontend_cache.utils import get_backends
print(json.dumps({
    "databases": sorted(settings.DATABASES),
    "routers": settings.DATABASE_ROUTERS,
    "storage": type(default_storage).__module__ + "." + type(default_storage).__name__,
    "bucket": getattr(default_storage, "bucket_name", None),
    "endpoint": getattr(default_storage, "endpoint_url", None),
    "querystring_auth": getattr(default_storage, "querystring_auth", None),
    "cdn": {name: type(b).__name__ for name, b in get_backends().items()},
    "log_formatter": settings.LOGGING["handlers"]["console"]["formatter"],
    "tasks": {alias: conf["BACKEND"] for alias, conf in settings.TASKS.items()},
    "webhook_tasks": settings.WEBHOOK_TASK_BACKEND,
}))
"""


def run(code, **env):
    return subprocess.run(  # noqa: S603 - this interpreter, this project
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env(**env),
        capture_output=True,
        text=True,
        check=False,
    )


def inspect(**env):
    result = run(INSPECT, **env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_defaults_log_json_and_use_one_database():
    found = inspect()
    assert found["databases"] == ["default"]
    assert found["routers"] == ["cms.db.router.ReplicaRouter"]
    assert found["storage"].endswith("FileSystemStorage")
    assert found["cdn"] == {}
    assert found["log_formatter"] == "json"
    # One queue for the worker: webhooks, re-renders and the admin search index.
    assert found["tasks"] == {"default": "django_tasks_db.DatabaseBackend"}
    assert found["webhook_tasks"] == "default"


def test_database_replica_url_adds_the_replica():
    found = inspect(DATABASE_REPLICA_URL="postgres://reader@db-replica:5432/cms")
    assert found["databases"] == ["default", "replica"]


def test_media_storage_s3_puts_media_in_the_bucket():
    found = inspect(
        MEDIA_STORAGE="s3",
        AWS_STORAGE_BUCKET_NAME="newsroom-media",
        AWS_S3_ENDPOINT_URL="https://s3.eu-central-1.example.com",
    )
    assert found["storage"] == "storages.backends.s3.S3Storage"
    assert found["bucket"] == "newsroom-media"
    assert found["endpoint"] == "https://s3.eu-central-1.example.com"
    # Public images: plain URLs that a CDN can cache, not expiring signed ones.
    assert found["querystring_auth"] is False


@pytest.mark.parametrize(
    ("env", "backend"),
    [
        ({"CDN_PURGE": "http", "CDN_PURGE_URL": "http://varnish:6081"}, "HTTPBackend"),
        (
            {
                "CDN_PURGE": "cloudflare",
                "CDN_CLOUDFLARE_ZONE_ID": "zone",
                "CDN_CLOUDFLARE_TOKEN": "token",
            },
            "CloudflareBackend",
        ),
    ],
)
def test_cdn_purge_configures_wagtails_frontend_cache(env, backend):
    assert inspect(**env)["cdn"] == {"cdn": backend}


@pytest.mark.parametrize(
    "env",
    [
        {"MEDIA_STORAGE": "s3"},
        {"MEDIA_STORAGE": "ftp"},
        {"CDN_PURGE": "akamai"},
    ],
    ids=["s3-without-bucket", "unknown-storage", "unknown-cdn"],
)
def test_half_configured_media_or_cdn_refuses_to_start(env):
    result = run(INSPECT, **env)
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr


def test_deploy_check_is_clean_with_replica_s3_media_and_cdn_purge():
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=production_env(
            SECURE_SSL_REDIRECT="true",
            DATABASE_REPLICA_URL="postgres://reader@db-replica:5432/cms",
            MEDIA_STORAGE="s3",
            AWS_STORAGE_BUCKET_NAME="newsroom-media",
            CDN_PURGE="http",
            CDN_PURGE_URL="http://varnish:6081",
            METRICS_TOKEN=os.urandom(16).hex(),
        ),
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
