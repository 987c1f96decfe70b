"""WordPress pages become standard pages: hierarchy, drafts, edits and story blocks."""

import pytest

from blog.models import StandardPage

from .conftest import item, run

pytestmark = pytest.mark.django_db


def test_pages_keep_their_hierarchy_and_drafts_stay_drafts(newsroom, write_export):
    export = write_export(
        item(20, post_type="page", title="Team", slug="team", parent=10),
        item(10, post_type="page", title="About us", slug="about"),
        item(30, post_type="page", title="Ethics", slug="ethics", status="draft"),
    )

    report = run(export)

    about = StandardPage.objects.get(slug="about")
    team = StandardPage.objects.get(slug="team")
    ethics = StandardPage.objects.get(slug="ethics")
    assert report.counts["pages"] == {"created": 3}
    assert team.get_parent().pk == about.pk
    assert about.get_parent().pk == newsroom.home.pk
    assert about.live and team.live
    assert not ethics.live and ethics.latest_revision_id


def test_a_changed_page_is_updated_with_a_new_revision(newsroom, write_export):
    run(write_export(item(10, post_type="page", title="About", slug="about")))
    page = StandardPage.objects.get(slug="about")
    revisions = page.revisions.count()

    report = run(
        write_export(
            item(
                10,
                post_type="page",
                title="About",
                slug="about",
                content='<!-- wp:table --><figure class="wp-block-table"><table>'
                "<tbody><tr><td>Founded</td><td>1921</td></tr></tbody></table>"
                "</figure><!-- /wp:table -->",
            ),
            name="second.xml",
        )
    )

    page.refresh_from_db()
    assert report.counts["pages"] == {"updated": 1}
    assert page.revisions.count() == revisions + 1
    assert [block.block_type for block in page.body] == ["table"]
    assert page.body[0].value["data"] == [["Founded", "1921"]]


def test_a_page_whose_parent_is_missing_goes_under_home_with_a_warning(
    newsroom, write_export
):
    report = run(
        write_export(
            item(20, post_type="page", title="Orphan", slug="orphan", parent=99)
        )
    )

    assert StandardPage.objects.get(slug="orphan").get_parent().pk == newsroom.home.pk
    assert any("parent page 99 was not imported" in w for w in report.warnings)
