"""
In production a publish leaves Wagtail's admin search index to the worker:
the index entry of a long article costs more than the rest of the publish,
and editors can wait the moment it takes; readers cannot, so the Delivery
API document and its search entry are still rendered by the publish itself.
"""

import pytest
from django.core.management import call_command
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from blog.models import ArticlePage
from cms.publishing.models import DeliveryDocument
from tests.factories import ArticlePageFactory

QUEUED = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

# The worker reads the queue on its own connection: the test commits.
pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("leave_the_migrations_data"),
]


@pytest.fixture
def queued_tasks():
    with override_settings(TASKS=QUEUED, WEBHOOK_TASK_BACKEND="default"):
        yield


def _admin_search(title):
    return ArticlePage.objects.search(title).results()


def test_publish_queues_the_admin_index_and_the_worker_brings_it_up_to_date(
    newsroom, queued_tasks
):
    article = ArticlePageFactory(parent=newsroom.news, title="Old headline")
    call_command("db_worker", "--batch", verbosity=0)

    article.title = "Tanker convoy reaches Basra"
    article.save_revision().publish()

    # Readers see the new headline at once...
    document = DeliveryDocument.objects.get(page_id=article.pk)
    assert document.title == "Tanker convoy reaches Basra"
    # ...the admin index catches up when the worker runs.
    queued = DBTaskResult.objects.filter(
        task_path="modelsearch.tasks.insert_or_update_object_task"
    )
    assert queued.ready().exists()
    assert article not in _admin_search("Tanker convoy")

    call_command("db_worker", "--batch", verbosity=0)

    assert not queued.ready().exists()
    assert article in _admin_search("Tanker convoy")
