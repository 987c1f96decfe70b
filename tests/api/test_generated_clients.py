"""
Clients generated from the served OpenAPI documents work against a live server.

Each test fetches a document over HTTP as an integrator would, generates a
Python client from it with openapi-python-client (the command in
docs/delivery-api.md and docs/editorial-api.md), imports it and uses it:
a document that a generator cannot turn into a working client fails here.
"""

import importlib
import json
import subprocess
import sys
from pathlib import Path

import httpx
import pytest
from wagtail.models import Page

from blog.models import Topic
from cms.publishing.documents import rebuild_all
from tests.api.test_editorial_tokens import token_for
from tests.factories import ArticlePageFactory, AuthorPageFactory, paragraphs

# Committed data the live server can read; the migrations' root page restored after.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_the_migrations_data"),
]

GENERATOR = Path(sys.executable).with_name("openapi-python-client")
# No formatting hooks: the generated code only has to run.
CONFIG = "post_hooks: []\n"


def generate_client(document, package, workdir, monkeypatch):
    """Generate ``package`` from ``document`` with openapi-python-client and import it."""
    spec = workdir / f"{package}.json"
    spec.write_text(json.dumps(document))
    config = workdir / "openapi-python-client.yaml"
    config.write_text(CONFIG)
    subprocess.run(  # noqa: S603 (the generator of our own venv, on our own files)
        [
            str(GENERATOR),
            "generate",
            "--path",
            str(spec),
            "--meta",
            "none",
            "--output-path",
            str(workdir / package),
            "--config",
            str(config),
        ],
        check=True,
        capture_output=True,
        timeout=300,
    )
    monkeypatch.syspath_prepend(str(workdir))
    for name in [name for name in sys.modules if name.split(".")[0] == package]:
        del sys.modules[name]
    importlib.invalidate_caches()
    return importlib.import_module(package)


def test_a_generated_delivery_client_lists_finds_pages_and_reads_problems(
    live_server, newsroom, tmp_path, monkeypatch
):
    author = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    articles = [
        ArticlePageFactory(
            parent=newsroom.news,
            title=f"Story {n}",
            slug=f"story-{n}",
            authors=[author],
            body=paragraphs("Opening."),
        )
        for n in range(5)
    ]
    rebuild_all()
    document = httpx.get(f"{live_server.url}/api/v1/openapi.json").json()
    generated = generate_client(document, "delivery_client", tmp_path, monkeypatch)
    list_articles = importlib.import_module(
        "delivery_client.api.articles.articles_list"
    )
    by_path = importlib.import_module("delivery_client.api.articles.articles_by_path")
    detail = importlib.import_module("delivery_client.api.articles.articles_detail")
    client = generated.Client(base_url=live_server.url)

    first = list_articles.sync(client=client, limit=2)
    assert first.count == len(articles)
    seen = [result.title for result in first.results]
    cursor = first.next_cursor
    while cursor:
        page = list_articles.sync(client=client, limit=2, cursor=cursor)
        assert page.count is None  # cursor mode
        seen += [result.title for result in page.results]
        cursor = page.next_cursor
    assert sorted(seen) == sorted(article.title for article in articles)

    found = by_path.sync(client=client, path=articles[0].url_path.split("/", 2)[2])
    assert found.id == articles[0].pk
    assert found.title == "Story 0"

    missing = detail.sync_detailed(client=client, article_id=2**31 - 1)
    assert missing.status_code == 404
    assert missing.parsed.status == 404
    assert missing.parsed.detail

    refused = list_articles.sync_detailed(client=client, offset=0, cursor="x")
    assert refused.status_code == 400
    names = {param.name for param in refused.parsed.invalid_params}
    assert names == {"offset", "cursor"}


def test_a_generated_editorial_client_creates_submits_and_reads_the_inbox(
    live_server, newsroom, writer, editor, tmp_path, monkeypatch
):
    byline = AuthorPageFactory(parent=newsroom.authors, title="Sofia Nawab")
    Topic.objects.create(name="Syria")
    writer_token = token_for(writer, "write")
    editor_token = token_for(editor, "moderate")
    document = httpx.get(
        f"{live_server.url}/api/editorial/openapi.json",
        headers={"Authorization": f"Bearer {writer_token}"},
    ).json()
    generated = generate_client(document, "editorial_client", tmp_path, monkeypatch)
    create = importlib.import_module("editorial_client.api.pages.pages_create")
    submit = importlib.import_module(
        "editorial_client.api.editorial_workflow.editorial_workflow_submit"
    )
    inbox = importlib.import_module(
        "editorial_client.api.editorial_workflow.editorial_inbox"
    )
    models = importlib.import_module("editorial_client.models")
    as_writer = generated.AuthenticatedClient(
        base_url=live_server.url, token=writer_token
    )
    as_editor = generated.AuthenticatedClient(
        base_url=live_server.url, token=editor_token
    )

    body = models.ArticlePageCreateSchema.from_dict(
        {
            "meta": {"type": "blog.ArticlePage", "parent_id": newsroom.news.pk},
            "title": "Aleppo's Old Markets Reopen",
            "standfirst": "Traders return.",
            "article_authors": [{"author_id": byline.pk}],
            "body": [{"type": "paragraph", "value": "<p>Stalls reopen.</p>"}],
            "topics": ["Syria"],
        }
    )
    created = create.sync_detailed(client=as_writer, body=body)
    assert created.status_code == 201, created.content
    page_id = created.parsed.id
    assert not Page.objects.get(pk=page_id).live

    submitted = submit.sync_detailed(page_id, client=as_writer)
    assert submitted.status_code == 200, submitted.content

    tasks = inbox.sync(client=as_editor)
    assert page_id in [task.page_id for task in tasks]

    refused = submit.sync_detailed(2**31 - 1, client=as_writer)
    assert refused.status_code == 404
    assert refused.parsed.status == 404
