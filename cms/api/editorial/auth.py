"""
Bearer tokens for the Editorial API: Wagtail's ``APIToken`` plus scope and expiry.

Wagtail's v3 routers authenticate with their own ``BearerTokenAuth``; the
``enforce_token_policy`` guard wraps every URL of the mounted API so that
expiry, revocation and the method's minimum scope hold on those routes too.
The routers added here use ``ScopedTokenAuth`` for stricter scopes
(approving needs ``moderate``).
"""

from functools import wraps

from django.conf import settings
from django.core.exceptions import PermissionDenied
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import APIToken

from . import scopes
from .concurrency import stale_update_refusal
from .inputs import (
    declared_body_length,
    malformed_input_refusal,
    malformed_stream_refusal,
)
from .models import TokenPolicy
from .problems import problem


def bearer_token(request):
    header = request.headers.get("Authorization", "")
    kind, _sep, token = header.partition(" ")
    if kind.lower() != "bearer" or not token.strip():
        return None
    return token.strip()


def find_token(plaintext):
    """The token matching ``plaintext``, revoked or not, with its policy."""
    return (
        APIToken.objects.select_related("user", "editorial_policy")
        .filter(key_hash__in=APIToken.candidate_key_hashes(plaintext))
        .first()
    )


def live_token_id(request):
    """
    The id of the unrevoked, unexpired token the request carries, or None.
    The rate limiter (``API_TOKEN_RESOLVER``) gives only such a token a
    bucket of its own.
    """
    plaintext = bearer_token(request)
    if plaintext is None:
        return None
    api_token = find_token(plaintext)
    if api_token is None or api_token.revoked_at is not None:
        return None
    if TokenPolicy.for_token(api_token).expired:
        return None
    return api_token.pk


def token_refusal(request):
    """
    The problem response a request's bearer token earns, or None if it may proceed.

    A presented token that is unknown, revoked or expired is refused outright
    (401) rather than treated as anonymous, so a client whose credentials
    lapsed learns it at once instead of silently seeing only public content.
    """
    plaintext = bearer_token(request)
    if plaintext is None:
        return None
    length = declared_body_length(request)
    if length > settings.EDITORIAL_API_MAX_BODY_BYTES:
        return problem(
            413,
            f"The request body is larger than {settings.EDITORIAL_API_MAX_BODY_BYTES} bytes.",
        )
    api_token = find_token(plaintext)
    if api_token is None:
        return problem(401, "Unknown API token.")
    if api_token.revoked_at is not None:
        return problem(401, "This API token has been revoked.")
    policy = TokenPolicy.for_token(api_token)
    if policy.expired:
        return problem(
            401, f"This API token expired at {policy.expires_at:%Y-%m-%dT%H:%M:%SZ}."
        )
    if scopes.sends_non_json_body(request):
        return problem(
            415,
            "The request body must be JSON, sent as 'Content-Type: application/json'.",
        )
    required = scopes.required_for_request(request)
    if not scopes.includes(policy.scope, required):
        return problem(
            403,
            f"This token's scope is '{policy.scope}'; this request needs '{required}'.",
            scope=policy.scope,
            required_scope=required,
        )
    return None


def enforce_token_policy(view):
    @wraps(view)
    def guarded(request, *args, **kwargs):
        refusal = (
            token_refusal(request)
            or malformed_input_refusal(request, kwargs)
            or malformed_stream_refusal(request, kwargs)
            or stale_update_refusal(request)
        )
        if refusal is not None:
            return refusal
        return view(request, *args, **kwargs)

    return guarded


class ScopedTokenAuth(BearerTokenAuth):
    """v3's bearer auth, refusing expired tokens and tokens below ``scope``."""

    def __init__(self, scope=scopes.Scope.READ):
        super().__init__()
        self.scope = scopes.Scope(scope)

    def authenticate(self, request, token):
        api_token = super().authenticate(request, token)
        if api_token is None:
            return None
        policy = TokenPolicy.for_token(api_token)
        if policy.expired:
            return None
        if not scopes.includes(policy.scope, self.scope):
            raise PermissionDenied(
                f"This token's scope is '{policy.scope}'; this endpoint needs '{self.scope}'."
            )
        request.token_policy = policy
        return api_token
