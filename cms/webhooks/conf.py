"""
Webhook settings, with the defaults documented in docs/webhooks.md: the one
place they are written (``cms/settings/base.py`` reads them from here).
"""

from django.conf import settings

DEFAULTS = {
    # 8 attempts: 7 waits of 80 s * 3**n (+-20 % jitter) add up to about 24 hours.
    "WEBHOOK_MAX_ATTEMPTS": 8,
    "WEBHOOK_RETRY_BASE_SECONDS": 80,
    "WEBHOOK_RETRY_FACTOR": 3,
    "WEBHOOK_CONNECT_TIMEOUT": 3,
    "WEBHOOK_READ_TIMEOUT": 10,
    # Deliveries given up in a row before the endpoint is paused.
    "WEBHOOK_PAUSE_AFTER_FAILURES": 3,
    # The django-tasks backend alias deliveries are queued on.
    "WEBHOOK_TASK_BACKEND": "default",
    # Development and tests only: allow http and private addresses.
    "WEBHOOKS_ALLOW_PRIVATE_ADDRESSES": False,
}


def get(name):
    return getattr(settings, name, DEFAULTS[name])
