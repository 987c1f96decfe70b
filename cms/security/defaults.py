"""
The defaults of the rate-limit settings: the one place they are written.

``cms/settings/base.py`` reads each from the environment with these as the
fallback, and ``throttling`` falls back on them when a settings module
leaves one out.
"""

from cms.http.paths import DELIVERY_API_PREFIX

DEFAULTS = {
    "API_RATE_LIMIT": "600/min",
    "API_TOKEN_RATE_LIMIT": "3000/min",
    "LOGIN_FAILURE_LIMIT": "5/15min",
    "API_AUTH_FAILURE_LIMIT": "20/10min",
    "LOGIN_PATHS": ("/admin/login/",),
    "PAGE_PASSWORD_FAILURE_LIMIT": "10/15min",
    "PAGE_PASSWORD_PATH": "/_util/authenticate_with_password/",
    "API_PUBLIC_PREFIXES": (DELIVERY_API_PREFIX,),
    "API_TOKEN_RESOLVER": None,
}
