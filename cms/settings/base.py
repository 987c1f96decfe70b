"""
Settings shared by every environment.

Everything that differs between machines is read from the environment and
documented in ``.env.example``; the per-environment modules only override.
"""

import os
import re
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from cms.http.paths import DELIVERY_API_PREFIX
from cms.security.defaults import DEFAULTS as RATE_DEFAULTS
from cms.webhooks.conf import DEFAULTS as WEBHOOK_DEFAULTS

BASE_DIR = Path(__file__).resolve().parent.parent.parent


def env_list(name, default=""):
    """A comma-separated environment variable as a list, blanks dropped."""
    return [
        item.strip()
        for item in os.environ.get(name, default).split(",")
        if item.strip()
    ]


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


INSTALLED_APPS = [
    "home",
    "blog",
    "search",
    "cms.accounts",
    "cms.images",
    "cms.events",
    "cms.api.editorial",
    "cms.preview",
    "cms.publishing",
    "cms.security",
    "cms.webhooks",
    "cms.ops",
    "cms.observability",
    # Translations of pages and snippets, with their own drafts and review
    # (wagtail_localize.locales is Wagtail's locale admin with sync added).
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.frontend_cache",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail.api.v3",
    "wagtail",
    # The API docs' Swagger UI from our own static files, not a CDN that the
    # Content-Security-Policy (and an offline laptop) would block.
    "ninja",
    "modelcluster",
    "taggit",
    "django_tasks",
    "corsheaders",
    "django_tasks_db",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
]

# What happens after a content change commits, in this order
# (cms.events.dispatch): the stored documents are rebuilt and the cache
# generation bumped, the CDN is purged, then webhook deliveries are queued.
CONTENT_EVENT_HANDLERS = [
    "cms.publishing.signal_handlers.refresh_for_event",
    "cms.publishing.signal_handlers.purge_for_event",
    "cms.webhooks.receivers.queue_for_event",
]

MIDDLEWARE = [
    # Before everything else: request ids and timings cover the whole stack,
    # and probes are answered before host checks, HTTPS redirects and limits.
    "cms.observability.logging.RequestIdMiddleware",
    "cms.observability.metrics.MetricsMiddleware",
    "cms.observability.health.ProbeMiddleware",
    # Safe requests begin their transaction as readers (no SQLite write lock).
    "cms.db.middleware.ReadOnlyTransactionsMiddleware",
    # Holds the response of a request that changed published content until
    # every worker serves the change (cms.httpcache.leases).
    "cms.httpcache.leases.CommitWaitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "corsheaders.middleware.CorsMiddleware",
    "cms.security.headers.SecurityHeadersMiddleware",
    # Answers cached Delivery API reads, counting them against the rate limit
    # the throttle below applies to everything else.
    "cms.httpcache.edge.DeliveryEdgeMiddleware",
    "cms.security.throttling.ThrottleMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The edition a URL names (/ar/...) is the active language (cms.http.editions).
    "cms.http.editions.EditionLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "cms.db.middleware.ReplicaReadsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, so that it sees the exceptions raised by views.
    "cms.security.outages.DatabaseUnavailableMiddleware",
]

ROOT_URLCONF = "cms.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "cms.wsgi.application"

# Database: a SQLite file unless DATABASE_URL points elsewhere (PostgreSQL in
# production). Connections are kept open between requests in production.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
}
# Every request is one transaction: a publish and the ContentEvent that
# announces it commit together or not at all.
DATABASES["default"]["ATOMIC_REQUESTS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # SQLite fails a deferred transaction that turns into a writer while
    # another request writes ("database is locked") instead of waiting; the
    # editor's autosave makes that common. IMMEDIATE makes writers queue, for
    # up to the busy timeout. Requests that only read (GET, HEAD) begin
    # DEFERRED instead and take no lock (cms.db.sqlite, cms.db.transactions),
    # and WAL lets them read beside the one writer.
    DATABASES["default"]["ENGINE"] = "cms.db.sqlite"
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        transaction_mode="IMMEDIATE",
        timeout=int(os.environ.get("SQLITE_BUSY_TIMEOUT", "20")),
        init_command="PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL",
    )
# The Delivery API's list indexes carry expire_at as a non-key column for
# PostgreSQL's index-only scans; SQLite builds them without it, as intended.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
# An optional streaming replica for Delivery API reads (cms.db, docs/deployment.md).
if os.environ.get("DATABASE_REPLICA_URL"):
    DATABASES["replica"] = dj_database_url.parse(
        os.environ["DATABASE_REPLICA_URL"],
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        conn_health_checks=True,
    )
DATABASE_ROUTERS = ["cms.db.router.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis when REDIS_URL is set, so every worker shares one cache;
# otherwise process-local memory, which is enough for a single dev server.
REDIS_URL = os.environ.get("REDIS_URL", "")


def redis_caches(url):
    """
    The CACHES setting for a Redis at ``url``. A cache outage degrades to
    database reads, never to errors: django-redis swallows connection errors
    (get answers the default, add/incr answer None), and short timeouts keep
    a Redis that hangs from holding every request for long.
    """
    return {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "cms"),
            "OPTIONS": {
                "CLIENT_CLASS": "django_redis.client.DefaultClient",
                "IGNORE_EXCEPTIONS": True,
                "SOCKET_CONNECT_TIMEOUT": 1,
                "SOCKET_TIMEOUT": 1,
            },
        }
    }


if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "cms",
        }
    }
# The same for any other django-redis cache alias added later.
DJANGO_REDIS_IGNORE_EXCEPTIONS = True
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True

AUTH_USER_MODEL = "accounts.User"
WAGTAILIMAGES_IMAGE_MODEL = "images.NewsImage"
WAGTAILIMAGES_IMAGE_FORM_BASE = "cms.images.forms.NewsImageForm"

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"


def content_languages(environ):
    """
    The newsroom's editions from ``CONTENT_LANGUAGES``: ``code:Name`` pairs,
    comma-separated, the default edition (``LANGUAGE_CODE``) first. Adding
    French is ``CONTENT_LANGUAGES="en-gb:English,ar:العربية,fr:Français"``
    and a Locale for it in Settings → Locales; no code changes.
    """
    raw = environ.get("CONTENT_LANGUAGES", "en-gb:English,ar:العربية")
    languages = []
    for item in raw.split(","):
        code, _sep, name = item.strip().partition(":")
        if code.strip():
            languages.append((code.strip().lower(), name.strip() or code.strip()))
    codes = [code for code, _name in languages]
    if LANGUAGE_CODE not in codes:
        raise ImproperlyConfigured(
            f"CONTENT_LANGUAGES must include the default language {LANGUAGE_CODE!r}."
        )
    languages.sort(key=lambda language: language[0] != LANGUAGE_CODE)
    return languages


WAGTAIL_CONTENT_LANGUAGES = content_languages(os.environ)
# The site's own languages are its editions: i18n_patterns prefixes every
# edition but the default one (/ar/news/..., /news/...).
LANGUAGES = WAGTAIL_CONTENT_LANGUAGES
TIME_ZONE = os.environ.get("TIME_ZONE", "UTC")
USE_I18N = True
# The newsroom's own wording of Wagtail's strings ("Withdraw from review" for
# "Cancel workflow"): project catalogs take precedence over the apps'.
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# Media on S3-compatible storage (AWS S3, MinIO, R2...): `pip install -e ".[s3]"`.
# Credentials come from the usual AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY
# environment (or an instance role); see docs/deployment.md.
MEDIA_STORAGE = os.environ.get("MEDIA_STORAGE", "filesystem")
if MEDIA_STORAGE not in {"filesystem", "s3"}:
    raise ImproperlyConfigured("MEDIA_STORAGE must be 'filesystem' or 's3'.")
if MEDIA_STORAGE == "s3" and not os.environ.get("AWS_STORAGE_BUCKET_NAME"):
    raise ImproperlyConfigured("MEDIA_STORAGE=s3 needs AWS_STORAGE_BUCKET_NAME.")
if MEDIA_STORAGE == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ.get("AWS_STORAGE_BUCKET_NAME", ""),
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "location": os.environ.get("AWS_LOCATION", "media"),
            # Images and documents are public: plain URLs a CDN can cache.
            "querystring_auth": env_bool("AWS_QUERYSTRING_AUTH", False),
            "default_acl": os.environ.get("AWS_DEFAULT_ACL") or None,
            "file_overwrite": False,
        },
    }

SECRET_KEY = os.environ.get("SECRET_KEY", "")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

# E-mail: editors are told about submissions by Wagtail's workflow notifications.
EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend"
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "newsroom@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Background work: django-tasks. The immediate backend runs a task inline;
# the database backend (dev, production) hands it to `make worker`.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# Webhook deliveries go to this backend alias; dev and production point it at
# the database queue that `make worker` drains. See docs/webhooks.md.
WEBHOOK_TASK_BACKEND = WEBHOOK_DEFAULTS["WEBHOOK_TASK_BACKEND"]
WEBHOOK_MAX_ATTEMPTS = int(
    os.environ.get("WEBHOOK_MAX_ATTEMPTS", WEBHOOK_DEFAULTS["WEBHOOK_MAX_ATTEMPTS"])
)
WEBHOOK_CONNECT_TIMEOUT = float(
    os.environ.get(
        "WEBHOOK_CONNECT_TIMEOUT", WEBHOOK_DEFAULTS["WEBHOOK_CONNECT_TIMEOUT"]
    )
)
WEBHOOK_READ_TIMEOUT = float(
    os.environ.get("WEBHOOK_READ_TIMEOUT", WEBHOOK_DEFAULTS["WEBHOOK_READ_TIMEOUT"])
)
WEBHOOK_PAUSE_AFTER_FAILURES = int(
    os.environ.get(
        "WEBHOOK_PAUSE_AFTER_FAILURES",
        WEBHOOK_DEFAULTS["WEBHOOK_PAUSE_AFTER_FAILURES"],
    )
)
# Off: endpoints must be https URLs whose every address is public (no loopback,
# private, link-local, unique-local, metadata, multicast or reserved ranges).
# On (development, tests, the load test's local receiver): http and private
# addresses are allowed too. See docs/webhooks.md.
WEBHOOKS_ALLOW_PRIVATE_ADDRESSES = env_bool(
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES",
    WEBHOOK_DEFAULTS["WEBHOOKS_ALLOW_PRIVATE_ADDRESSES"],
)
# The sync feed hands out event log positions only once they are this old, so
# a transaction that took a lower id has committed (docs/sync.md).
SYNC_SETTLE_SECONDS = int(os.environ.get("SYNC_SETTLE_SECONDS", "10"))

# Wagtail
WAGTAIL_SITE_NAME = os.environ.get("WAGTAIL_SITE_NAME", "The Newsroom")
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")


def search_backends(environ):
    """
    WAGTAILSEARCH_BACKENDS from ``SEARCH_BACKEND``: the database (PostgreSQL
    full text in production, SQLite FTS5 in development) unless a cluster is
    named. Elasticsearch and OpenSearch need ``SEARCH_URL`` and their client
    package (see docs/delivery-api.md, "Search"); run ``update_index`` after
    switching.
    """
    name = environ.get("SEARCH_BACKEND", "database").strip().lower() or "database"
    if name == "database":
        return {
            "default": {
                "BACKEND": "wagtail.search.backends.database",
                "SEARCH_CONFIG": environ.get("SEARCH_CONFIG", "english"),
            }
        }
    name = {"elasticsearch": "elasticsearch9", "opensearch": "opensearch3"}.get(
        name, name
    )
    if name not in SEARCH_CLUSTER_BACKENDS:
        raise ImproperlyConfigured(
            f"SEARCH_BACKEND={name!r} is not one of database, elasticsearch, "
            f"opensearch, {', '.join(SEARCH_CLUSTER_BACKENDS)}."
        )
    urls = [url.strip() for url in environ.get("SEARCH_URL", "").split(",")]
    urls = [url for url in urls if url]
    if not urls:
        raise ImproperlyConfigured(f"SEARCH_BACKEND={name} needs SEARCH_URL.")
    return {
        "default": {
            "BACKEND": f"wagtail.search.backends.{name}",
            "URLS": urls,
            "INDEX_PREFIX": environ.get("SEARCH_INDEX_PREFIX", "newsroom_"),
            "TIMEOUT": int(environ.get("SEARCH_TIMEOUT", "5")),
            "OPTIONS": {},
            "INDEX_SETTINGS": {},
        }
    }


# The search backends Wagtail ships besides the database one.
SEARCH_CLUSTER_BACKENDS = (
    "elasticsearch7",
    "elasticsearch8",
    "elasticsearch9",
    "opensearch2",
    "opensearch3",
)
WAGTAILSEARCH_BACKENDS = search_backends(os.environ)
# Search ranks this many of the newest matches by relevance and lists older
# ones after them by date, unless the reader asks for dates or for every
# match to be ranked (search.stored; "Ranking and recency" in docs/delivery-api.md).
SEARCH_RANKING_WINDOW = int(os.environ.get("SEARCH_RANKING_WINDOW", "1000"))
# Documents: office files and PDFs; audio and video for the media block
# (podcasts, press conferences), which plays them in the browser's own
# player; and photos, offered for download at full size by a file link.
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "key",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "zip",
    "mp3",
    "m4a",
    "oga",
    "ogg",
    "wav",
    "m4v",
    "mov",
    "mp4",
    "ogv",
    "webm",
    "gif",
    "jpeg",
    "jpg",
    "png",
    "webp",
]
WAGTAIL_WORKFLOW_ENABLED = True
WAGTAIL_MODERATION_ENABLED = True
WAGTAILADMIN_COMMENTS_ENABLED = True
WAGTAIL_ENABLE_UPDATE_CHECK = False
# Avatars are the ones people upload in their account settings, else
# Wagtail's local default: no request (and no hash of anyone's e-mail
# address) goes to a third-party avatar service.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
# Uploads: news images are photos, not posters; refuse anything bigger.
WAGTAILIMAGES_MAX_UPLOAD_SIZE = int(
    os.environ.get("IMAGE_MAX_UPLOAD_BYTES", 15 * 1024 * 1024)
)
WAGTAILIMAGES_MAX_IMAGE_PIXELS = int(os.environ.get("IMAGE_MAX_PIXELS", 60_000_000))
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp", "avif"]
WAGTAIL_I18N_ENABLED = True
# The admin's "Translate" makes the translation a draft page of the other
# edition, written in Wagtail's own editor, so it is saved, submitted and
# approved through the same "Editorial review" as any other page. Neither
# wagtail-localize default fits a newsroom: its synced mode edits
# translations where no one can submit them for review, and by default a
# translation of a live page is published as soon as it is created.
WAGTAIL_LOCALIZE_DEFAULT_TRANSLATION_MODE = "simple"
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "blog.rich_text.LabelledDraftailRichTextArea",
        "OPTIONS": {
            "features": [
                "bold",
                "italic",
                "link",
                "document-link",
                "ol",
                "ul",
                "h3",
                "h4",
                "blockquote",
            ]
        },
    }
}
FORMS_URLFIELD_ASSUME_HTTPS = True
DATA_UPLOAD_MAX_MEMORY_SIZE = int(
    os.environ.get("DATA_UPLOAD_MAX_MEMORY_SIZE", 5 * 1024 * 1024)
)


# LOG_FORMAT=json writes one JSON object per line with the request id
# (the default in production); "text" is for people reading a terminal.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "request_id": {"()": "cms.observability.logging.RequestIdFilter"},
        "cache_outage": {"()": "cms.security.cache_outage.ThrottledCacheErrors"},
        "redact_secrets": {"()": "cms.observability.access_log.RedactSecretsFilter"},
    },
    "formatters": {
        "text": {"format": "%(levelname)s %(name)s: %(message)s"},
        "json": {"()": "cms.observability.logging.JSONFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": os.environ.get("LOG_FORMAT", "text"),
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        # While Redis is down: one line every 10 s, not a traceback per call.
        "django_redis.cache": {"filters": ["cache_outage"]},
        "cms.httpcache.edge": {"filters": ["cache_outage"]},
        # The development server's request lines, without preview tokens.
        "django.server": {"filters": ["redact_secrets"]},
    },
}

# Rate limits and throttles (cms.security): counted in the shared cache, so
# they hold across workers when REDIS_URL is set. Rates read "N/period".
API_RATE_LIMIT = os.environ.get("API_RATE_LIMIT", RATE_DEFAULTS["API_RATE_LIMIT"])
API_TOKEN_RATE_LIMIT = os.environ.get(
    "API_TOKEN_RATE_LIMIT", RATE_DEFAULTS["API_TOKEN_RATE_LIMIT"]
)
API_AUTH_FAILURE_LIMIT = os.environ.get(
    "API_AUTH_FAILURE_LIMIT", RATE_DEFAULTS["API_AUTH_FAILURE_LIMIT"]
)
LOGIN_FAILURE_LIMIT = os.environ.get(
    "LOGIN_FAILURE_LIMIT", RATE_DEFAULTS["LOGIN_FAILURE_LIMIT"]
)
# Wrong passwords on password-protected pages, per address.
PAGE_PASSWORD_FAILURE_LIMIT = os.environ.get(
    "PAGE_PASSWORD_FAILURE_LIMIT", RATE_DEFAULTS["PAGE_PASSWORD_FAILURE_LIMIT"]
)
# Only a live Editorial API token earns API_TOKEN_RATE_LIMIT; the public
# Delivery API counts every request by address, whatever its headers say.
API_TOKEN_RESOLVER = "cms.api.editorial.auth.live_token_id"  # noqa: S105
API_PUBLIC_PREFIXES = (DELIVERY_API_PREFIX,)
# Reader comments posted from one address (article page and Delivery API),
# and the links one comment may carry.
COMMENT_RATE_LIMIT = os.environ.get("COMMENT_RATE_LIMIT", "5/10min")
COMMENT_MAX_LINKS = int(os.environ.get("COMMENT_MAX_LINKS", "2"))
# How many reverse proxies in front of the app append to X-Forwarded-For;
# 0 means the header is ignored and REMOTE_ADDR identifies the client.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", "0"))

# Editorial API (cms.api.editorial) and headless preview (cms.preview).
# Tokens made in Wagtail's own token screen have no policy row: they get this
# scope ("read", "write" or "moderate") and no expiry.
EDITORIAL_API_DEFAULT_SCOPE = os.environ.get("EDITORIAL_API_DEFAULT_SCOPE", "read")
EDITORIAL_API_DOCS_PUBLIC = env_bool("EDITORIAL_API_DOCS_PUBLIC")
EDITORIAL_API_MAX_BODY_BYTES = int(
    os.environ.get("EDITORIAL_API_MAX_BODY_BYTES", 2 * 1024 * 1024)
)
# Minutes a preview token stays valid.
PREVIEW_TOKEN_MAX_AGE = int(os.environ.get("PREVIEW_TOKEN_MAX_AGE", "20"))

# Delivery API (cms.api.delivery): which frontends may call it from a browser,
# and how long browsers and CDNs may keep its responses.
CORS_ALLOWED_ORIGINS = env_list("API_CORS_ALLOWED_ORIGINS")
CORS_URLS_REGEX = r"^" + re.escape(DELIVERY_API_PREFIX) + r".*$"
# POST: readers' comments (articles/{id}/comments/); every other endpoint reads.
CORS_ALLOW_METHODS = ("GET", "HEAD", "OPTIONS", "POST")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified")
API_CACHE_MAX_AGE = int(os.environ.get("API_CACHE_MAX_AGE", "60"))
API_CACHE_SWR = int(os.environ.get("API_CACHE_SWR", "300"))
# Server-side copies are retired by the content generation, not by time;
# this only bounds how long an unused one takes up memory.
API_CACHE_TIMEOUT = int(os.environ.get("API_CACHE_TIMEOUT", "3600"))
# Off: every Delivery API request runs its endpoint (ETags and 304s still
# work). For benchmarks of the uncached path, or when only a CDN caches.
API_RESPONSE_CACHE = env_bool("API_RESPONSE_CACHE", True)
# With Redis, each worker also keeps the bodies of recent cached responses
# (up to this many bytes), served once Redis confirms they are current.
API_LOCAL_CACHE_BYTES = int(os.environ.get("API_LOCAL_CACHE_BYTES", 32 * 1024 * 1024))
# Seconds a worker may use the content generation it last read from Redis
# before reading it again; a change is announced (its response, webhooks,
# CDN purge) that long after it, so nothing stale is ever served to anyone
# who knows of it (cms.httpcache.leases). 0 reads it on every request.
API_GENERATION_LEASE = float(os.environ.get("API_GENERATION_LEASE", "0.1"))

# CDN in front of the Delivery API: purge a page's API URLs when it changes
# (wagtail.contrib.frontend_cache; see cms.publishing.signal_handlers and
# docs/deployment.md). The purged URLs start with WAGTAILADMIN_BASE_URL.
CDN_PURGE_BACKENDS = {
    "cloudflare": "wagtail.contrib.frontend_cache.backends.CloudflareBackend",
    "cloudfront": "wagtail.contrib.frontend_cache.backends.CloudfrontBackend",
    "http": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
}
CDN_PURGE = os.environ.get("CDN_PURGE", "")
if CDN_PURGE and CDN_PURGE not in CDN_PURGE_BACKENDS:
    raise ImproperlyConfigured(
        f"CDN_PURGE must be one of {', '.join(CDN_PURGE_BACKENDS)} (got {CDN_PURGE!r})."
    )
if CDN_PURGE:
    WAGTAILFRONTENDCACHE = {
        "cdn": {
            "BACKEND": CDN_PURGE_BACKENDS[CDN_PURGE],
            # cloudflare
            "ZONEID": os.environ.get("CDN_CLOUDFLARE_ZONE_ID", ""),
            "BEARER_TOKEN": os.environ.get("CDN_CLOUDFLARE_TOKEN", ""),
            # cloudfront (AWS credentials from the environment or instance role)
            "DISTRIBUTION_ID": os.environ.get("CDN_CLOUDFRONT_DISTRIBUTION_ID", ""),
            # http: a Varnish or other cache that accepts PURGE requests
            "LOCATION": os.environ.get("CDN_PURGE_URL", ""),
        }
    }

# Observability (cms.observability): /metrics answers these addresses or
# networks, or a bearer token; /healthz and /readyz answer anyone.
METRICS_ALLOWED_IPS = env_list("METRICS_ALLOWED_IPS", "127.0.0.1,::1")
METRICS_TOKEN = os.environ.get("METRICS_TOKEN", "")
