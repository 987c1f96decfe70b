"""The stored documents behind the Delivery API and the command that rebuilds them."""

from http import HTTPStatus

from django.core.management import call_command
from wagtail.models import Page

from cms.publishing.documents import store_article
from cms.publishing.models import DeliveryDocument
from tests.factories import ArticlePageFactory


def test_rebuild_command_renders_live_pages_and_drops_stale_documents(
    client, newsroom, author
):
    live = ArticlePageFactory(parent=newsroom.news, authors=[author])
    draft = ArticlePageFactory(parent=newsroom.news, live=False)
    DeliveryDocument.objects.create(
        page_id=draft.pk,
        page_type="article",
        live_path="/news/stale/",
        slug="stale",
        title="Stale",
        url_path=draft.url_path,
        summary="{}",
        detail="{}",
        etag="x",
        sort_date=draft.latest_revision_created_at,
        last_modified=draft.latest_revision_created_at,
    )

    call_command("rebuild_delivery_documents", verbosity=0)

    assert set(DeliveryDocument.objects.values_list("page_id", flat=True)) == {
        live.pk,
        author.pk,
    }
    assert client.get(f"/api/v1/articles/{live.pk}/").status_code == HTTPStatus.OK
    assert (
        client.get(f"/api/v1/articles/{draft.pk}/").status_code == HTTPStatus.NOT_FOUND
    )


def test_a_page_made_live_without_being_published_still_has_a_date(newsroom):
    """Lists, cursors and search's slices order by it: it is never empty."""
    article = ArticlePageFactory(parent=newsroom.news, display_date=None)
    Page.objects.filter(pk=article.pk).update(first_published_at=None)
    article.refresh_from_db()

    store_article(article)

    document = DeliveryDocument.objects.get(page_id=article.pk)
    assert document.sort_date == article.last_published_at
