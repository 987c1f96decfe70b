"""
The defaults of the rate-limit settings: the one place they are written.

``cms/settings/base.py`` reads each from the environment with these as the
fallback, and ``throttling`` falls back on them when a settings module
leaves one out.
"""

DEFAULTS = {
    "API_RATE_LIMIT": "600/min",
    "API_TOKEN_RATE_LIMIT": "3000/min",
    "LOGIN_FAILURE_LIMIT": "5/15min",
    "API_AUTH_FAILURE_LIMIT": "20/10min",
    "LOGIN_PATHS": ("/admin/login/",),
}
