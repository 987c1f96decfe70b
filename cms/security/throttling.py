"""
Request rate limits for the API and throttles on guessing credentials.

- Every ``/api/`` request counts against its caller: the bearer token's digest
  when an ``Authorization`` header is sent (``API_TOKEN_RATE_LIMIT``), the
  client address otherwise (``API_RATE_LIMIT``).
- Failed sign-ins on the admin login form count per username and per address
  (``LOGIN_FAILURE_LIMIT``); once either is spent, further attempts are
  answered with 429 until the window ends, even with the right password.
- 401 answers under ``/api/`` count per address (``API_AUTH_FAILURE_LIMIT``), so
  guessing tokens is as slow as guessing passwords.
"""

import functools

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.utils.translation import gettext_lazy as _

from cms.http.paths import API_ROOT
from cms.http.problems import problem_response
from cms.http.state import request_state

from . import ratelimit
from .defaults import DEFAULTS


def setting(name):
    return getattr(settings, name, DEFAULTS[name])


def rate(name):
    return _parse(setting(name))


@functools.lru_cache(maxsize=32)
def _parse(text):
    # Every API request reads two rates; the settings hold only a few.
    return ratelimit.Rate.parse(text)


def too_many(verdict, detail):
    return problem_response(
        429, detail, headers={"Retry-After": str(verdict.retry_after)}
    )


def api_identity(request):
    """The scope and identity an API request is counted under."""
    authorization = request.META.get("HTTP_AUTHORIZATION", "")
    if authorization:
        return (
            "api-token",
            ratelimit.fingerprint(authorization),
            rate("API_TOKEN_RATE_LIMIT"),
        )
    return "api-ip", ratelimit.client_ip(request), rate("API_RATE_LIMIT")


def login_username(request):
    return (request.POST.get("username") or "").strip().lower()


def login_blocked(request):
    """The verdict that blocks this login attempt, or None if it may proceed."""
    limit = rate("LOGIN_FAILURE_LIMIT")
    checks = [("login-ip", ratelimit.client_ip(request))]
    username = login_username(request)
    if username:
        checks.append(("login-user", ratelimit.fingerprint(username)))
    for scope, identity in checks:
        verdict = ratelimit.peek(scope, identity, limit)
        if not verdict.allowed:
            return verdict
    return None


@receiver(user_login_failed, dispatch_uid="cms.security.count_login_failure")
def count_login_failure(sender, credentials, request=None, **kwargs):
    """Count a failed sign-in against the address and the username tried."""
    if request is None:
        return
    limit = rate("LOGIN_FAILURE_LIMIT")
    ratelimit.hit("login-ip", ratelimit.client_ip(request), limit)
    username = (credentials.get("username") or "").strip().lower()
    if username:
        ratelimit.hit("login-user", ratelimit.fingerprint(username), limit)


class ThrottleMiddleware:
    """Apply the API rate limit, the login throttle and the token-guessing throttle."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        if path.startswith("/api/"):
            blocked = self._check_api(request)
            if blocked is not None:
                return blocked
        elif request.method == "POST" and path in setting("LOGIN_PATHS"):
            verdict = login_blocked(request)
            if verdict is not None:
                return too_many(
                    verdict, _("Too many failed sign-in attempts. Try again later.")
                )

        response = self.get_response(request)

        if path.startswith(API_ROOT) and response.status_code == 401:
            ratelimit.hit(
                "api-auth-failure",
                ratelimit.client_ip(request),
                rate("API_AUTH_FAILURE_LIMIT"),
            )
        return response

    def _check_api(self, request):
        if request_state(request).rate_checked:
            # Counted already, with the cache lookup (cms.httpcache.edge).
            return None
        failures = ratelimit.peek(
            "api-auth-failure",
            ratelimit.client_ip(request),
            rate("API_AUTH_FAILURE_LIMIT"),
        )
        if not failures.allowed:
            return too_many(failures, _("Too many requests with invalid credentials."))
        scope, identity, limit = api_identity(request)
        verdict = ratelimit.hit(scope, identity, limit)
        if not verdict.allowed:
            return too_many(
                verdict,
                _("Rate limit exceeded: %(rate)s.")
                % {
                    "rate": setting(
                        "API_TOKEN_RATE_LIMIT"
                        if scope == "api-token"
                        else "API_RATE_LIMIT"
                    )
                },
            )
        return None
