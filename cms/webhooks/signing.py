"""
Webhook signatures: HMAC-SHA256 over ``"<timestamp>.<body>"``.

Signing the timestamp with the body lets a receiver refuse replays of an old
delivery (compare the timestamp with its clock) as well as forgeries.
"""

import hashlib
import hmac
import secrets

SIGNATURE_PREFIX = "sha256="


def generate_secret():
    return "whsec_" + secrets.token_urlsafe(32)


def sign(secret, timestamp, body):
    """The ``X-Newsroom-Signature`` value for ``body`` (bytes) sent at ``timestamp``."""
    message = f"{timestamp}.".encode() + body
    digest = hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()
    return SIGNATURE_PREFIX + digest


def verify(secret, timestamp, body, signature):
    """
    Whether ``signature`` (the header as received) signs this delivery.

    Compared as bytes: ``compare_digest`` refuses str with non-ASCII
    characters, and a receiver must answer "no" to any header, not raise.
    """
    expected = sign(secret, timestamp, body).encode()
    received = (signature or "").encode("utf-8", "surrogatepass")
    return hmac.compare_digest(expected, received)
