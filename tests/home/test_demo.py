import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from wagtail.models import Locale, Page, Site, WorkflowState

from blog.models import ArticlePage, AuthorPage, Topic
from blog.translations import out_of_date, stale_translations

pytestmark = pytest.mark.django_db


def english(slug):
    """The default edition's article (its Arabic translation shares the slug)."""
    return ArticlePage.objects.get(slug=slug, locale=Locale.get_default())


def test_load_demo_builds_the_newsroom_and_is_idempotent(monkeypatch):
    monkeypatch.setenv("DEMO_WRITER_PASSWORD", "writer-demo-pass-1")
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = (
        Page.objects.count(),
        get_user_model().objects.count(),
        Topic.objects.count(),
    )
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert (
        Page.objects.count(),
        get_user_model().objects.count(),
        Topic.objects.count(),
    ) == counts

    site = Site.objects.get(is_default_site=True)
    assert site.root_page.specific_class.__name__ == "HomePage"
    writer = get_user_model().objects.get(username="writer")
    assert writer.check_password("writer-demo-pass-1")
    assert {g.name for g in writer.groups.all()} == {"Writers"}

    sofia = AuthorPage.objects.get(title="Sofia Nawab")
    assert sofia.user == writer
    assert "talented feature writer" in sofia.bio

    seed = english("syrian-regime-seeks-regional-support")
    assert seed.live
    assert (
        seed.title == "Syrian Regime Seeks Regional Support as Opposition Gains Ground"
    )
    assert seed.standfirst.startswith(
        "As the Syrian regime faces significant territorial losses"
    )
    assert seed.source_name == "www.jpost.com"
    assert sorted(seed.topics.names()) == ["Iran", "Iraq", "Syria", "UAE"]
    assert seed.authors == [sofia]
    assert seed.word_count > 400


def test_demo_shows_every_workflow_state():
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    by_slug = {
        page.slug: page
        for page in ArticlePage.objects.filter(locale=Locale.get_default())
    }
    assert not by_slug["aleppo-markets-reopen"].live
    assert by_slug["hama-braces-for-offensive"].workflow_in_progress
    assert by_slug["baghdad-summit-preview"].get_latest_revision().approved_go_live_at
    assert by_slug["gulf-states-weigh-normalisation"].has_unpublished_changes
    rejected = WorkflowState.objects.get(object_id=str(by_slug["tehran-responds"].pk))
    assert rejected.status == WorkflowState.STATUS_NEEDS_CHANGES


def test_generated_passwords_are_printed_once(capsys):
    call_command("load_demo")
    first = capsys.readouterr().out
    call_command("load_demo")
    second = capsys.readouterr().out
    assert "shown only once" in first
    assert "shown only once" not in second


def test_demo_points_the_editors_frontend_preview_at_the_example_frontend():
    from home.models import FrontendSettings

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    frontend = FrontendSettings.for_site(site)

    assert frontend.preview_url == "http://127.0.0.1:3000/preview"
    # API links keep pointing at the CMS until a frontend base URL is set.
    assert frontend.base_url == ""


def test_demo_keeps_a_preview_url_someone_set():
    from home.models import FrontendSettings

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    frontend = FrontendSettings.for_site(Site.objects.get(is_default_site=True))
    frontend.preview_url = "https://www.example.com/api/preview"
    frontend.save()

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    frontend.refresh_from_db()
    assert frontend.preview_url == "https://www.example.com/api/preview"


def test_demo_site_answers_on_the_servers_address_and_links_say_so(settings, client):
    settings.WAGTAILADMIN_BASE_URL = "http://127.0.0.1:8000"
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    site = Site.objects.get(is_default_site=True)
    assert (site.hostname, site.port) == ("127.0.0.1", 8000)
    seed = english("syrian-regime-seeks-regional-support")
    assert seed.get_canonical_url() == (
        "http://127.0.0.1:8000/news/syrian-regime-seeks-regional-support/"
    )
    feed = client.get("/feeds/articles.rss", HTTP_HOST="127.0.0.1:8000")
    assert b"http://localhost/" not in feed.content
    assert b"http://127.0.0.1:8000/news/" in feed.content


def test_demo_leaves_only_the_newsrooms_review_workflow():
    from wagtail.models import Workflow, WorkflowPage

    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert list(
        Workflow.objects.filter(active=True).values_list("name", flat=True)
    ) == ["Editorial review"]
    assert set(WorkflowPage.objects.values_list("workflow__name", flat=True)) == {
        "Editorial review"
    }
    # The home page carries the newsroom's review, for the standard pages
    # under it; the tree's root carries none (Wagtail's default is retired).
    home = Site.objects.get(is_default_site=True).root_page
    assert home.get_workflow().name == "Editorial review"
    assert Page.get_first_root_node().get_workflow() is None


def test_demo_has_an_arabic_edition_in_every_state(client):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    arabic = Locale.objects.get(language_code="ar")
    seed = english("syrian-regime-seeks-regional-support")
    seed_ar = seed.get_translation(arabic)
    sofia_ar = AuthorPage.objects.get(locale=arabic)
    hama_ar = english("hama-braces-for-offensive").get_translation(arabic)
    gulf = english("gulf-states-weigh-normalisation")
    gulf_ar = gulf.get_translation(arabic)

    assert seed_ar.live and seed_ar.title.startswith("النظام السوري")
    assert len(seed_ar.body) == len(seed.body)
    assert seed_ar.authors == [sofia_ar]
    assert sofia_ar.live and "صوفيا نواب" in sofia_ar.bio
    assert hama_ar.workflow_in_progress and not hama_ar.live
    assert gulf_ar.live
    assert gulf.latest_revision_created_at > gulf_ar.last_published_at
    # An editor opening either edition of the Gulf story is told so.
    assert out_of_date(gulf_ar) is not None
    assert out_of_date(seed_ar) is None and out_of_date(hama_ar) is None
    assert [stale.translation.pk for stale in stale_translations(gulf)] == [gulf_ar.pk]
    document = client.get(
        "/api/v1/articles/by-path/",
        {"path": "/ar/news/syrian-regime-seeks-regional-support/"},
    ).json()
    assert document["locale"] == "ar"
    assert document["authors"][0]["name"] == "صوفيا نواب"
    assert [topic["name"] for topic in document["topics"]] == [
        "إيران",
        "الإمارات",
        "العراق",
        "سوريا",
    ]
