"""
Access log lines without secrets.

A preview link carries its token in the query string
(``/api/v1/preview/?token=...``): whoever reads the access log could open the
draft until the token expires. Gunicorn's logger (``logger_class`` in
``deploy/gunicorn.conf.py``) and Django's development server log through
``redact_query`` / ``RedactSecretsFilter``, which replace the value of every
secret parameter with ``[redacted]``.
"""

import logging
import re

from gunicorn.glogging import Logger

SECRET_PARAMETERS = ("token", "preview_token")
REDACTED = "[redacted]"
_NAMES = "|".join(SECRET_PARAMETERS)
# A secret parameter at the start of a query or after ?, & or ;, up to the
# next separator, quote or space (a request line goes on with the protocol).
_SECRET = re.compile(
    r"(?P<key>(?:^|(?<=[?&;]))(?:" + _NAMES + r')=)[^&;#\s"]*', re.IGNORECASE
)


def redact_query(text):
    """``text`` (a query string, a URL or a request line) with secret values replaced."""
    if not text:
        return text
    return _SECRET.sub(lambda match: match["key"] + REDACTED, text)


class RedactingLogger(Logger):
    """Gunicorn's logger, with preview tokens taken out of the access log atoms."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        # Every atom: the query, the request line, the referer, and the
        # headers and environ values a format may name.
        return {
            name: redact_query(value) if isinstance(value, str) else value
            for name, value in atoms.items()
        }


class RedactSecretsFilter(logging.Filter):
    """Redacts secret query parameters in Django's development server log."""

    def filter(self, record):
        record.msg = redact_query(str(record.msg))
        if record.args:
            record.args = tuple(
                redact_query(arg) if isinstance(arg, str) else arg
                for arg in record.args
            )
        return True
