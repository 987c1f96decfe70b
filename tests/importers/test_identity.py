"""
Every WordPress post is one article: items are told apart by post ID, else
GUID, else permalink, and two items that claim one identity are reported,
never merged.
"""

import re

import pytest
from django.core.management import CommandError, call_command

from blog.importers.wordpress import WordPressImporter, WordPressImportError
from blog.models import ArticlePage, ReaderComment, WordPressRecord

from .conftest import SITE, comment, item, run
from .test_import import row_counts


def without(xml, *tags):
    """The export text with every ``<tag>...</tag>`` element of ``tags`` taken out."""
    for tag in tags:
        xml = re.sub(rf"\s*<{tag}>.*?</{tag}>", "", xml, flags=re.DOTALL)
    return xml


def idless(n, **kwargs):
    """An item as hand-trimmed exports carry it: no post ID, no slug."""
    kwargs.setdefault("title", f"Story number {n}")
    kwargs.setdefault("slug", f"story-{n}")
    return without(item(n, **kwargs), "wp:post_id", "wp:post_name")


def uncommented_comment(n):
    """A comment without its comment ID."""
    return without(comment(n), "wp:comment_id")


def articles():
    return ArticlePage.objects.order_by("title")


@pytest.mark.django_db
def test_seven_posts_without_post_ids_become_seven_articles_and_reimport_changes_nothing(
    newsroom, write_export
):
    items = [
        idless(n, comments=uncommented_comment(n) if n in (2, 5) else "")
        for n in range(1, 8)
    ]
    path = write_export(*items)

    report = run(path)

    assert report.counts["articles"] == {"created": 7}
    assert report.statuses == {"live": 7}
    assert [a.title for a in articles()] == [f"Story number {n}" for n in range(1, 8)]
    assert all(a.revisions.count() == 1 for a in articles())
    assert {c.article.title for c in ReaderComment.objects.all()} == {
        "Story number 2",
        "Story number 5",
    }
    assert report.counts["comments"] == {"created": 2}

    before = row_counts()
    again = run(path)
    assert again.counts["articles"] == {"unchanged": 7}
    assert again.counts["comments"] == {"unchanged": 2}
    assert row_counts() == before


@pytest.mark.django_db
def test_posts_without_slugs_get_slugs_made_from_their_titles(newsroom, write_export):
    path = write_export(
        idless(1, title="Harbour reopens"),
        idless(2, title="Harbour reopens"),
        idless(3, title="Fishing fleet returns"),
    )
    report = run(path)
    assert report.counts["articles"] == {"created": 3}
    assert sorted(a.slug for a in articles()) == [
        "fishing-fleet-returns",
        "harbour-reopens",
        "harbour-reopens-2",
    ]


@pytest.mark.django_db
def test_posts_sharing_a_guid_are_reported_as_a_conflict_naming_both_not_merged(
    newsroom, write_export
):
    guid = f"{SITE}/?p=100"
    first = idless(1, title="Budget passes").replace(f"{SITE}/?p=1<", f"{guid}<")
    second = idless(2, title="Budget fails").replace(f"{SITE}/?p=2<", f"{guid}<")
    path = write_export(first, second, idless(3, title="Rain on Tuesday"))

    report = run(path)

    assert report.counts["articles"] == {"created": 1, "skipped": 2}
    assert [a.title for a in articles()] == ["Rain on Tuesday"]
    (conflict,) = [w for w in report.warnings if "identity conflict" in w]
    assert "“Budget passes”" in conflict and "“Budget fails”" in conflict
    assert "GUID" in conflict


@pytest.mark.django_db
def test_a_mixed_export_accounts_for_every_post(newsroom, write_export):
    shared_guid = f"{SITE}/?p=500"
    path = write_export(
        # Post IDs: distinct identities even where a tool repeated the GUID.
        item(10, title="With ID ten"),
        item(11, title="With ID eleven").replace(f"{SITE}/?p=11<", f"{SITE}/?p=10<"),
        # No ID: known by GUID.
        idless(20, title="By GUID"),
        # No ID and no GUID: known by permalink.
        without(idless(30, title="By permalink"), "guid"),
        # The same post ID twice: a conflict, both left out.
        item(40, title="Forty, once"),
        item(40, title="Forty, again"),
        # The same GUID twice, no IDs: a conflict too.
        idless(50, title="Fifty, once").replace(f"{SITE}/?p=50<", f"{shared_guid}<"),
        idless(51, title="Fifty, again").replace(f"{SITE}/?p=51<", f"{shared_guid}<"),
    )

    report = run(path)

    assert report.counts["articles"] == {"created": 4, "skipped": 4}
    assert [a.title for a in articles()] == [
        "By GUID",
        "By permalink",
        "With ID eleven",
        "With ID ten",
    ]
    conflicts = [w for w in report.warnings if "identity conflict" in w]
    assert len(conflicts) == 2
    assert any(
        "post 40 “Forty, once”" in w and "“Forty, again”" in w for w in conflicts
    )
    assert any("“Fifty, once”" in w and "“Fifty, again”" in w for w in conflicts)

    again = run(path)
    assert again.counts["articles"] == {"unchanged": 4, "skipped": 4}
    assert ArticlePage.objects.count() == 4


@pytest.mark.django_db
def test_an_export_imported_before_keeps_its_pages_with_or_without_post_ids(
    newsroom, write_export
):
    # Imported with post IDs: records keyed by the plain ID, as always.
    run(write_export(item(1, title="One"), item(2, title="Two")))
    pages = {a.title: a.pk for a in articles()}
    assert set(WordPressRecord.objects.values_list("wp_id", flat=True)) >= {"1", "2"}

    # The same posts again from an export that lost its post IDs: found by GUID.
    report = run(
        write_export(
            idless(1, title="One, corrected"), idless(2, title="Two"), name="trim.xml"
        )
    )
    assert report.counts["articles"] == {"updated": 1, "unchanged": 1}
    assert {a.title: a.pk for a in articles()} == {
        "One, corrected": pages["One"],
        "Two": pages["Two"],
    }


@pytest.mark.django_db
def test_posts_merged_into_one_page_by_an_earlier_import_are_brought_back(
    newsroom, write_export
):
    # What imports did before post IDs were optional: every ID-less item
    # was post "0", one page that each item overwrote, ending with the last.
    run(write_export(item(3, title="Story number 3")))
    record = WordPressRecord.objects.get(kind="post")
    record.wp_id = "0"
    record.save()
    merged = record.page_id

    report = run(write_export(*(idless(n) for n in (1, 2, 3)), name="again.xml"))

    assert report.counts["articles"] == {"created": 2, "unchanged": 1}
    assert ArticlePage.objects.get(title="Story number 3").pk == merged
    assert ArticlePage.objects.count() == 3


@pytest.mark.django_db
def test_an_import_whose_report_disagrees_with_what_it_wrote_is_rolled_back(
    newsroom, write_export, monkeypatch
):
    original = WordPressImporter._create_placeholders

    def one_page_for_every_post(importer):
        # The fault of old: every post mapped to the first one's page.
        original(importer)
        first = next(iter(importer.post_records.values()))
        for key in importer.post_records:
            importer.post_records[key] = first

    monkeypatch.setattr(
        WordPressImporter, "_create_placeholders", one_page_for_every_post
    )
    path = write_export(idless(1), idless(2), idless(3))
    before = row_counts()

    with pytest.raises(WordPressImportError, match="rolled back") as error:
        run(path)

    assert "2 articles updated but 1 distinct one was written" in str(error.value)
    assert row_counts() == before
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_wordpress", str(path), verbosity=0)
    assert row_counts() == before
