"""
A database that is down or restarting answers 503, never 500.

While PostgreSQL restarts, opening a connection or running a query raises
``OperationalError`` or ``InterfaceError``. API callers get a 503
``application/problem+json`` with ``Retry-After``; the site gets a plain 503
page. Django drops the broken connection at the end of the request, so the
next request reconnects once the database is back, without restarting the
app.
"""

import logging
import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from django.views.defaults import server_error as django_server_error

from cms.http.problems import problem_response, wants_problem_json

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
RETRY_AFTER = "5"
UNAVAILABLE_PAGE = (
    '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">'
    "<title>Service unavailable</title></head>\n<body><h1>Back in a moment</h1>"
    "<p>The site is briefly unavailable. Please try again shortly.</p></body></html>"
)


def unavailable(request):
    if wants_problem_json(request):
        return problem_response(
            503,
            _("The service is briefly unavailable. Try again shortly."),
            headers={"Retry-After": RETRY_AFTER},
        )
    # Plain markup, not a template: rendering one may need what is down.
    response = HttpResponse(
        UNAVAILABLE_PAGE, status=503, content_type="text/html; charset=utf-8"
    )
    response["Retry-After"] = RETRY_AFTER
    return response


class DatabaseUnavailableMiddleware:
    """Turn a database outage raised by a view into a 503."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DATABASE_ERRORS):
            logger.warning("Database unavailable: %s", exception)
            return unavailable(request)
        return None


def server_error(request, template_name="500.html"):
    """
    The project's ``handler500``: outages raised outside a view (in a
    middleware that reads the session or the user) still answer 503.
    """
    exception = sys.exc_info()[1]
    if isinstance(exception, DATABASE_ERRORS):
        return unavailable(request)
    if wants_problem_json(request):
        return problem_response(500)
    return django_server_error(request, template_name=template_name)
