import datetime
import json
from http import HTTPStatus

import pytest
from django.core.management import CommandError, call_command
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents.models import Document
from wagtail.models import PageViewRestriction, Revision

from blog.models import (
    ArticlePage,
    AuthorPage,
    ReaderComment,
    StandardPage,
    Topic,
    WordPressRecord,
)
from blog.text import count_words
from cms.images.models import NewsImage
from cms.publishing.models import DeliveryDocument
from tests.factories import UserFactory

from .conftest import (
    SITE,
    THEME_EXPORT,
    comment,
    item,
    run,
    write_image,
)

UTC = datetime.UTC
MODELS = (
    ArticlePage,
    AuthorPage,
    StandardPage,
    ReaderComment,
    Redirect,
    NewsImage,
    Document,
    Topic,
)


def row_counts():
    return {
        model.__name__: model.objects.count()
        for model in (*MODELS, Revision, WordPressRecord, PageViewRestriction)
    }


def imported(wp_id):
    record = WordPressRecord.objects.get(kind="post", wp_id=str(wp_id))
    return ArticlePage.objects.get(pk=record.page_id)


@pytest.mark.django_db
def test_theme_unit_test_export_is_imported_and_reimport_changes_nothing(
    newsroom, theme_media_with_files, settings
):
    # Search indexing runs as background tasks; keeping them queued keeps this
    # 58-article import inside the suite's time budget.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}
    }
    writer = UserFactory(username="buster")
    before = row_counts()

    report = run(
        THEME_EXPORT,
        media_dir=theme_media_with_files,
        author_map={"themedemos": "buster"},
    )

    # Every post is accounted for, in the state its WordPress status asks for.
    assert report.counts["articles"] == {"created": 58}
    assert report.statuses == {"live": 55, "password": 1, "scheduled": 1, "draft": 1}
    assert report.counts["pages"] == {"created": 21}
    assert "WordPress pages" not in report.counts
    assert report.counts["menu items"] == {"skipped": 70}
    articles = ArticlePage.objects.child_of(newsroom.news)
    assert articles.count() - before["ArticlePage"] == 58
    assert imported(1153).go_live_at == datetime.datetime(
        2030, 1, 1, 19, 0, 18, tzinfo=UTC
    )
    assert not imported(1153).live
    assert imported(1153).revisions.get().approved_go_live_at is not None
    assert not imported(1164).live and imported(1164).latest_revision_id
    password = PageViewRestriction.objects.get(page=imported(1168))
    assert (password.restriction_type, password.password) == ("password", "enter")
    standard = imported(358)
    assert standard.live and standard.slug == "post-format-standard"
    assert standard.first_published_at == datetime.datetime(
        2010, 10, 5, 7, 27, 25, tzinfo=UTC
    )
    assert standard.display_date == standard.first_published_at
    assert standard.get_parent().specific == newsroom.news
    assert imported(1169).title == "Edge case no title"
    assert imported(1173).title == "Markup: Title With Markup"

    # Authors: one bio each, the mapped login linked to the account.
    assert report.counts["authors"]["created"] == 2
    buster = AuthorPage.objects.get(title="Theme Buster")
    assert buster.user == writer and buster.live
    assert standard.owner == writer
    assert [a.title for a in imported(1730).authors] == ["Theme Reviewer"]

    # Categories and tags are topics; "Uncategorized" is not.
    # (A category and a tag of the same name are one topic.)
    assert sorted(standard.topics.names()) == [
        "Classic",
        "Post Formats",
        "readability",
        "standard",
    ]
    assert not Topic.objects.filter(slug="uncategorized").exists()
    assert imported(1151).topics.count() > 30

    # Images: the five local files are imported; the rest are reported, not fetched.
    assert report.counts["images"] == {"created": 5, "skipped": 30}

    # Audio, video and files: the two attachments (an MP3, a QuickTime video)
    # and the three files posts link that are not attachments (a PDF, an
    # image offered for download, an OGG from another host) are documents,
    # and every audio, video and file block and [audio] player plays or
    # links one: none dropped.
    assert report.counts["documents"] == {"created": 5}
    assert report.dropped_files() == {"audio": 0, "video": 0, "file": 0}
    assert report.files == {
        ("audio", "imported"): 3,
        ("video", "imported"): 7,
        ("file", "imported"): 3,
    }
    assert not any(
        "left out an audio" in w or "left out a video" in w for w in report.warnings
    )
    blues = [block.value for block in imported(587).body if block.block_type == "media"]
    assert [(b["kind"], b["file"].filename) for b in blues] == [
        ("audio", "originaldixielandjazzbandwithalbernard-stlouisblues.mp3")
    ]
    common = imported(1730).body
    assert [block.block_type for block in common].count("document") == 2
    horizontal = imported(1011)
    assert horizontal.hero_image.title == "Horizontal Featured Image"
    caption = imported(1163).body[0]
    assert caption.block_type == "image"
    assert caption.value["caption"] == "Bell on wharf in San Francisco"
    assert any("missing file" in w for w in report.warnings)

    # Comments keep status, threading and dates; pingbacks and trackbacks do not come.
    assert report.counts["comments"] == {"created": 24, "skipped": 9}
    thread = ReaderComment.objects.filter(article=imported(1148))
    assert thread.count() == 20
    assert thread.filter(status="pending").count() == 1
    deepest = thread.get(body="Comment Depth 10\n\nAlso an author comment.")
    chain = []
    while deepest is not None:
        chain.append(deepest.body[:16])
        deepest = deepest.parent
    assert chain == [f"Comment Depth {n:02}" for n in range(10, 0, -1)]
    first = thread.get(body="Comment Depth 01")
    assert first.created_at == datetime.datetime(2013, 3, 14, 14, 57, 1, tzinfo=UTC)
    assert first.email == "example@example.org"

    # Old permalinks and ?p= links redirect to the new pages.
    old = Redirect.objects.get(old_path="/2010/10/05/post-format-standard")
    assert old.redirect_page_id == standard.pk and old.is_permanent
    assert Redirect.objects.get(old_path="/?p=358").redirect_page_id == standard.pk

    # WordPress pages are standard pages, in their hierarchy, at their old paths.
    level_3 = StandardPage.objects.get(slug="level-3")
    assert level_3.url_path.endswith("/level-1/level-2/level-3/")
    assert level_3.live
    about = StandardPage.objects.get(slug="about")
    assert about.get_parent().specific == newsroom.home
    assert Redirect.objects.get(old_path="/?page_id=2").redirect_page_id == about.pk
    assert not Redirect.objects.filter(old_path="/about").exists()

    # Re-import: no new rows, no new revisions.
    after = row_counts()
    again = run(
        THEME_EXPORT,
        media_dir=theme_media_with_files,
        author_map={"themedemos": "buster"},
    )
    assert row_counts() == after
    assert not again.changed
    assert again.counts["articles"] == {"unchanged": 58}
    assert again.counts["pages"] == {"unchanged": 21}
    assert again.counts["documents"] == {"unchanged": 5}
    assert again.counts["comments"] == {"unchanged": 24, "skipped": 9}


@pytest.mark.django_db
def test_links_between_posts_become_page_links_whatever_their_order(
    newsroom, write_export
):
    path = write_export(
        item(
            1, slug="first", content=f'See <a href="{SITE}/2015/03/second/">next</a>.'
        ),
        item(2, slug="second", content=f'Back to <a href="{SITE}/?p=1">the first</a>.'),
    )
    run(path)
    first, second = imported(1), imported(2)
    assert (
        first.body[0].value.source
        == f'<p>See <a id="{second.pk}" linktype="page">next</a>.</p>'
    )
    assert f'<a id="{first.pk}" linktype="page">' in second.body[0].value.source


@pytest.mark.django_db
def test_published_post_is_live_with_its_dates_and_served_by_the_delivery_api(
    newsroom, write_export, django_capture_on_commit_callbacks, client
):
    path = write_export(
        item(
            7,
            title="Storm &amp; sea",
            slug="storm",
            excerpt="<p>The summary.</p>",
            date="2019-01-02 03:04:05",
            modified="2019-02-03 04:05:06",
            content="Para one.\n\n<h2>Later</h2>\nPara two.",
        )
    )
    with django_capture_on_commit_callbacks(execute=True):
        run(path)
    page = imported(7)
    assert page.live and page.title == "Storm & sea"
    assert page.standfirst == "The summary."
    assert page.first_published_at == datetime.datetime(2019, 1, 2, 3, 4, 5, tzinfo=UTC)
    assert page.last_published_at == datetime.datetime(2019, 2, 3, 4, 5, 6, tzinfo=UTC)
    assert [b.block_type for b in page.body] == ["paragraph", "heading", "paragraph"]
    assert page.word_count == count_words(page.plain_text) > 0
    document = DeliveryDocument.objects.get(page_id=page.pk)
    detail = json.loads(document.detail)
    assert detail["title"] == "Storm & sea"
    assert document.live_path.endswith("/news/storm/")
    response = client.get(f"/api/v1/articles/{page.pk}/")
    assert response.status_code == HTTPStatus.OK
    assert response.json()["standfirst"] == "The summary."


@pytest.mark.django_db
def test_private_post_is_restricted_to_editors_and_administrators(
    newsroom, write_export
):
    run(write_export(item(3, status="private")))
    restriction = PageViewRestriction.objects.get(page=imported(3))
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Editors",
        "Administrators",
    }
    assert imported(3).live


@pytest.mark.django_db
def test_changed_post_is_updated_in_place_with_a_new_revision(newsroom, write_export):
    run(write_export(item(4, title="Old headline", comments=comment(1))))
    page = imported(4)
    revisions = page.revisions.count()
    run(
        write_export(
            item(4, title="New headline", comments=comment(1, approved="spam"))
        )
    )
    page.refresh_from_db()
    assert page.title == "New headline"
    assert page.revisions.count() == revisions + 1
    assert ArticlePage.objects.filter(slug="post-4").count() == 1
    assert ReaderComment.objects.get().status == "spam"


@pytest.mark.django_db
def test_comment_statuses_and_replies(newsroom, write_export):
    comments = (
        comment(11)
        + comment(12, parent=11, approved="0")
        + comment(13, approved="spam")
        + comment(14, approved="trash")
        + comment(15, kind="pingback")
    )
    report = run(write_export(item(5, comments=comments)))
    statuses = dict(ReaderComment.objects.values_list("body", "status"))
    assert statuses == {
        "Comment 11": "approved",
        "Comment 12": "pending",
        "Comment 13": "spam",
        "Comment 14": "rejected",
    }
    reply = ReaderComment.objects.get(body="Comment 12")
    assert reply.parent.body == "Comment 11"
    assert reply.ip_address == "192.0.2.12"
    assert (
        report.skipped[("comments", "pingbacks and trackbacks are not reader comments")]
        == 1
    )


@pytest.mark.django_db
def test_dry_run_changes_nothing(newsroom, write_export, tmp_path):
    media = tmp_path / "media"
    write_image(media / "2015/03/photo.jpg")
    path = write_export(
        item(
            9,
            post_type="attachment",
            status="inherit",
            attachment_url=f"{SITE}/wp-content/uploads/2015/03/photo.jpg",
        ),
        item(8, comments=comment(1)),
    )
    before, files = row_counts(), media_files()
    report = run(path, media_dir=media, dry_run=True)
    assert row_counts() == before
    assert media_files() == files
    assert report.counts["articles"]["created"] == 1
    assert report.counts["images"]["created"] == 1
    assert "Dry run: nothing was saved." in report.table()


@pytest.mark.django_db
def test_missing_media_is_reported_and_skipped(newsroom, write_export, tmp_path):
    media = tmp_path / "media"
    write_image(media / "2015/03/here.jpg")
    meta = "<wp:postmeta><wp:meta_key>_thumbnail_id</wp:meta_key><wp:meta_value>21</wp:meta_value></wp:postmeta>"
    path = write_export(
        item(
            20,
            post_type="attachment",
            status="inherit",
            title="Here",
            attachment_url=f"{SITE}/wp-content/uploads/2015/03/here.jpg",
        ),
        item(
            21,
            post_type="attachment",
            status="inherit",
            attachment_url=f"{SITE}/wp-content/uploads/2015/03/gone.jpg",
        ),
        item(22, meta=meta),
    )
    report = run(path, media_dir=media)
    assert report.counts["images"] == {"created": 1, "skipped": 1}
    assert NewsImage.objects.get().title == "Here"
    assert (
        f"attachment 21: missing file for {SITE}/wp-content/uploads/2015/03/gone.jpg"
        in report.warnings
    )
    assert any(
        "featured image (attachment 21) not imported" in w for w in report.warnings
    )


def test_command_refuses_a_malformed_file_naming_the_line_and_saves_nothing(
    newsroom, write_export
):
    path = write_export(item(1), item(2, title="Broken"))
    text = path.read_text().replace("Broken]]></title>", "Broken]]></titel>")
    path.write_text(text)
    line = next(n for n, row in enumerate(text.splitlines(), 1) if "</titel>" in row)
    before = row_counts()
    with pytest.raises(CommandError, match=f"line {line}: the file is not well-formed"):
        call_command("import_wordpress", str(path), verbosity=0)
    assert row_counts() == before


def test_command_prints_the_summary_and_reads_a_csv_author_map(
    newsroom, write_export, tmp_path, capsys
):
    UserFactory(username="rita")
    author_map = tmp_path / "authors.csv"
    author_map.write_text("wp_login,username\nreporter,rita\n")
    path = write_export(item(1))
    call_command(
        "import_wordpress", str(path), "--author-map", str(author_map), verbosity=0
    )
    output = capsys.readouterr().out
    assert "Articles" in output and "Import complete." in output
    assert AuthorPage.objects.get(title="Rita Reporter").user.username == "rita"


def test_command_reports_an_unknown_index(newsroom, write_export):
    with pytest.raises(CommandError, match="No article index matches --index 'sport'"):
        call_command(
            "import_wordpress",
            str(write_export(item(1))),
            "--index",
            "sport",
            verbosity=0,
        )


def media_files():
    storage = NewsImage._meta.get_field("file").storage
    if not storage.exists("original_images"):
        return set()
    return set(storage.listdir("original_images")[1])


@pytest.mark.django_db
def test_trashed_posts_are_skipped_with_their_reason(newsroom, write_export):
    report = run(write_export(item(30, status="trash", comments=comment(3)), item(31)))
    assert WordPressRecord.objects.filter(kind="post", wp_id="30").count() == 0
    assert not ArticlePage.objects.filter(slug="post-30").exists()
    assert report.skipped[("articles", "WordPress status 'trash'")] == 1
    assert report.skipped[("comments", "on a post that is not imported")] == 1


@pytest.mark.django_db
def test_a_failure_half_way_leaves_the_database_and_media_as_they_were(
    newsroom, write_export, tmp_path, monkeypatch
):
    media = tmp_path / "media"
    write_image(media / "2015/03/photo.jpg")
    path = write_export(
        item(
            40,
            post_type="attachment",
            status="inherit",
            attachment_url=f"{SITE}/wp-content/uploads/2015/03/photo.jpg",
        ),
        item(41),
        item(42),
    )
    before, files = row_counts(), media_files()
    calls = []

    def fail_on_second_post(importer, entry):
        calls.append(entry.wp_id)
        if len(calls) == 2:
            raise RuntimeError("disk full")
        return original(importer, entry)

    from blog.importers.wordpress import WordPressImporter

    original = WordPressImporter._import_post
    monkeypatch.setattr(WordPressImporter, "_import_post", fail_on_second_post)
    with pytest.raises(RuntimeError, match="disk full"):
        run(path, media_dir=media)
    assert calls == [41, 42]
    assert row_counts() == before
    assert media_files() == files


@pytest.mark.django_db
def test_post_taken_back_to_draft_in_wordpress_is_unpublished(newsroom, write_export):
    run(write_export(item(50)))
    assert imported(50).live
    report = run(write_export(item(50, status="draft")))
    assert report.counts["articles"] == {"updated": 1}
    assert not imported(50).live


@pytest.mark.django_db
def test_mapped_writer_with_a_bio_keeps_it_and_gets_the_byline(newsroom, write_export):
    from tests.factories import AuthorPageFactory

    rita = UserFactory(username="rita")
    bio = AuthorPageFactory(parent=newsroom.authors, title="Rita R.", user=rita)
    report = run(write_export(item(60)), author_map={"reporter": "rita"})
    assert report.counts["authors"] == {"unchanged": 1}
    assert imported(60).authors == [bio]
    assert AuthorPage.objects.count() == 1
    assert imported(60).owner == rita
