"""
Fuzzing the APIs against their own OpenAPI documents with schemathesis.

The schemas are the documents the project serves (``/api/v1/openapi.json``
and the Editorial API's), generated in-process
from the same NinjaAPI objects and passed through JSON as a client receives
them. Requests go to the WSGI application in the test process, so they see
the test database and need no network.

``FUZZ_EXAMPLES`` sets how many generated requests each operation gets
(a handful in ``make test``; ``make fuzz`` asks for many more), and
``FUZZ_COVERAGE=1`` adds schemathesis's boundary-value phase.
"""

import json
import os
from types import SimpleNamespace

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.core.serializers.json import DjangoJSONEncoder
from django.db import close_old_connections
from schemathesis.config import SchemathesisConfig

from cms.publishing.documents import rebuild_all
from tests.factories import (
    ArticlePageFactory,
    AuthorPageFactory,
    ImageFactory,
    paragraphs,
)
from tests.module_db import api_token, build_newsroom, rolled_back

FUZZ_EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "10"))
# The coverage phase sends every boundary and wrong-type value it derives
# from the schema, whatever the example count: worth it in ``make fuzz``,
# too slow for every ``make test``.
FUZZ_COVERAGE = os.environ.get("FUZZ_COVERAGE", "0") == "1"

# The handler alone: get_wsgi_application() would run django.setup() again,
# configuring logging a second time (twice the filters on every logger).
wsgi_app = WSGIHandler()


# Statuses a schema-valid request may still earn where a value can only be
# judged against the data: an opaque cursor or preview token whose signature
# fails, a slug or free text that names nothing (400 naming the parameter),
# a comment that breaks a moderation rule (422). A JSON Schema cannot say
# "a cursor this server signed", so schemathesis's positive-data check
# accepts these answers there, and only there.
JUDGED_BY_CONTENT = ["2xx", "3xx", "400", "401", "403", "404", "409", "422", "429"]


def load_schema(api, prefix, judged_by_content=()):
    """
    The OpenAPI document ``api`` serves under ``prefix``, ready to fuzz
    ``wsgi_app``; ``judged_by_content`` names the operations whose valid
    values depend on the data (see ``JUDGED_BY_CONTENT``).
    """
    config = SchemathesisConfig.from_dict(
        {
            "seed": int(os.environ.get("FUZZ_SEED", "20261124")),
            "phases": {
                "coverage": {"enabled": FUZZ_COVERAGE},
                # Links between operations are not declared, so the stateful
                # phase would have nothing to follow.
                "stateful": {"enabled": False},
            },
            "generation": {"max-examples": FUZZ_EXAMPLES},
            "operations": [
                {
                    "include-operation-id": list(judged_by_content),
                    "checks": {
                        "positive_data_acceptance": {
                            "expected-statuses": JUDGED_BY_CONTENT
                        }
                    },
                }
            ]
            if judged_by_content
            else [],
        }
    )
    # Through JSON as the served document is: lazy translations become text.
    document = json.loads(
        json.dumps(api.get_openapi_schema(path_prefix=prefix), cls=DjangoJSONEncoder)
    )
    schema = schemathesis.openapi.from_dict(document, config=config)
    schema.app = wsgi_app
    return schema


def error_is_problem_json(ctx, response, case):
    """
    Every refusal is RFC 7807 ``application/problem+json`` whose ``status`` is
    the response's own (schemathesis checks the documented schema; this
    checks that the body agrees with the status line).
    """
    if response.status_code < 400:
        return None
    content_type = response.headers.get("content-type", [""])[0]
    assert content_type.startswith("application/problem+json"), (
        f"{response.status_code} answered as {content_type!r}, not problem+json"
    )
    body = json.loads(response.content)
    assert body.get("status") == response.status_code, body
    assert body.get("title"), body
    return True


def call_with_every_check(case, **kwargs):
    """
    Send ``case`` and run all of schemathesis's checks on the answer
    (undocumented statuses, content types and headers, the response schema,
    schema-valid requests refused, schema-invalid ones accepted, ignored
    authentication...), plus ``error_is_problem_json``.
    """
    return case.call_and_validate(additional_checks=[error_is_problem_json], **kwargs)


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """
    The WSGI application closes the database connection after each request,
    which would end the test's transaction on PostgreSQL. Django's own test
    client unhooks the same signal handlers for the same reason.
    """
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture(autouse=True)
def _unlimited(settings):
    """
    Fuzzing sends thousands of requests from one client in seconds; the limits
    are raised rather than 429s ignored, so that every request reaches a view.
    """
    settings.API_RATE_LIMIT = "1000000/min"
    settings.API_TOKEN_RATE_LIMIT = "1000000/min"
    settings.API_AUTH_FAILURE_LIMIT = "1000000/min"


@pytest.fixture(scope="module")
def fuzz_world(django_db_setup, django_db_blocker):
    """
    Built once per module: a few live articles with an author and a hero
    image, a writer's draft, their Delivery API documents, and bearer tokens
    for the writer (``write``) and the editor (``moderate``).
    """
    with rolled_back(django_db_blocker):
        tree = build_newsroom()
        people = tree.people
        author = AuthorPageFactory(
            parent=tree.authors, title="Sofia Nawab", slug="sofia-nawab"
        )
        hero = ImageFactory(title="Damascus")
        live = [
            ArticlePageFactory(
                parent=tree.news,
                title=f"Live story {n}",
                slug=f"live-story-{n}",
                authors=[author],
                topics=["Syria"],
                hero_image=hero,
                body=paragraphs("Opening.", "Closing."),
            )
            for n in range(3)
        ]
        draft = ArticlePageFactory(
            parent=tree.news,
            title="Draft story",
            slug="draft-story",
            authors=[author],
            live=False,
            owner=people.writer,
        )
        rebuild_all()
        yield SimpleNamespace(
            tree=tree,
            author=author,
            live=live,
            draft=draft,
            bearer={
                "writer": {
                    "Authorization": f"Bearer {api_token(people.writer, 'write')}"
                },
                "editor": {
                    "Authorization": f"Bearer {api_token(people.editor, 'moderate')}"
                },
            },
        )
