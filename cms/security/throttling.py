"""
Request rate limits for the API and throttles on guessing credentials.

- Every ``/api/`` request counts against its caller: the token when the
  ``Authorization`` header carries a live API token (``API_TOKEN_RATE_LIMIT``),
  the client address otherwise (``API_RATE_LIMIT``). The public API
  (``API_PUBLIC_PREFIXES``) reads no credentials, so there every request counts
  against its address whatever its headers say. A header that names no live
  token never opens a bucket of its own: it counts as a failed authentication,
  so made-up ``Authorization`` values cannot buy fresh allowances.
- Failed sign-ins on the admin login form count per username *and* address,
  and per address (``LOGIN_FAILURE_LIMIT``); once either is spent, further
  attempts are answered with 429 until the window ends, even with the right
  password. A username is never locked on its own: a stranger's wrong
  guesses cannot lock an editor out from the editor's own address.
- Wrong passwords on password-protected pages count per address
  (``PAGE_PASSWORD_FAILURE_LIMIT``), so a page password cannot be guessed online.
- 401 answers under ``/api/`` count per address (``API_AUTH_FAILURE_LIMIT``), so
  guessing tokens is as slow as guessing passwords.
"""

import functools

from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.dispatch import receiver
from django.utils.module_loading import import_string
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


@functools.lru_cache(maxsize=4)
def _resolver(path):
    return import_string(path) if path else None


def live_token_id(request):
    """
    The id of the live API token the request's ``Authorization`` header
    carries, or None. ``API_TOKEN_RESOLVER`` names the function that knows
    what a live token is (the Editorial API's), so this layer stays free of it.
    """
    resolve = _resolver(setting("API_TOKEN_RESOLVER"))
    return resolve(request) if resolve is not None else None


def api_identity(request):
    """
    The scope, identity and rate an API request is counted under, and whether
    it presented credentials that resolve to no live token.
    """
    by_address = ("api-ip", ratelimit.client_ip(request), rate("API_RATE_LIMIT"))
    if not request.META.get("HTTP_AUTHORIZATION", ""):
        return (*by_address, False)
    token_id = live_token_id(request)
    if token_id is None:
        return (*by_address, True)
    if request.path.startswith(tuple(setting("API_PUBLIC_PREFIXES"))):
        return (*by_address, False)
    return ("api-token", str(token_id), rate("API_TOKEN_RATE_LIMIT"), False)


def count_auth_failure(request):
    ratelimit.hit(
        "api-auth-failure",
        ratelimit.client_ip(request),
        rate("API_AUTH_FAILURE_LIMIT"),
    )


def login_username(request):
    return (request.POST.get("username") or "").strip().lower()


def login_blocked(request):
    """The verdict that blocks this login attempt, or None if it may proceed."""
    limit = rate("LOGIN_FAILURE_LIMIT")
    address = ratelimit.client_ip(request)
    checks = [("login-ip", address)]
    username = login_username(request)
    if username:
        checks.append(("login-user", _user_at(username, address)))
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
    address = ratelimit.client_ip(request)
    ratelimit.hit("login-ip", address, limit)
    username = (credentials.get("username") or "").strip().lower()
    if username:
        ratelimit.hit("login-user", _user_at(username, address), limit)


def _user_at(username, address):
    """One username tried from one address: the unit a login lockout applies to."""
    return ratelimit.fingerprint(f"{username}\n{address}")


def is_page_password_attempt(request):
    return request.method == "POST" and request.path.startswith(
        setting("PAGE_PASSWORD_PATH")
    )


class ThrottleMiddleware:
    """Apply the API rate limit, the login throttle and the token-guessing throttle."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        path = request.path
        bad_credentials = False
        if path.startswith(API_ROOT):
            blocked, bad_credentials = self._check_api(request)
            if blocked is not None:
                return blocked
        elif request.method == "POST" and path in setting("LOGIN_PATHS"):
            verdict = login_blocked(request)
            if verdict is not None:
                return too_many(
                    verdict, _("Too many failed sign-in attempts. Try again later.")
                )
        elif is_page_password_attempt(request):
            verdict = ratelimit.peek(
                "page-password",
                ratelimit.client_ip(request),
                rate("PAGE_PASSWORD_FAILURE_LIMIT"),
            )
            if not verdict.allowed:
                return too_many(
                    verdict, _("Too many wrong passwords. Try again later.")
                )

        response = self.get_response(request)

        if is_page_password_attempt(request) and response.status_code != 302:
            # Wagtail redirects on the right password and shows the form again
            # on a wrong one.
            ratelimit.hit(
                "page-password",
                ratelimit.client_ip(request),
                rate("PAGE_PASSWORD_FAILURE_LIMIT"),
            )

        if path.startswith(API_ROOT) and (
            bad_credentials or response.status_code == 401
        ):
            # A bad token counts once, whether or not the route read it.
            count_auth_failure(request)
        return response

    def _check_api(self, request):
        """The refusal for an API request (or None) and whether its token was bad."""
        if request_state(request).rate_checked:
            # Counted already, with the cache lookup (cms.httpcache.edge).
            return None, False
        failures = ratelimit.peek(
            "api-auth-failure",
            ratelimit.client_ip(request),
            rate("API_AUTH_FAILURE_LIMIT"),
        )
        if not failures.allowed:
            refusal = too_many(
                failures, _("Too many requests with invalid credentials.")
            )
            return refusal, False
        scope, identity, limit, bad_credentials = api_identity(request)
        verdict = ratelimit.hit(scope, identity, limit)
        if not verdict.allowed:
            refusal = too_many(
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
            return refusal, bad_credentials
        return None, bad_credentials
