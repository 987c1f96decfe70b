"""What an import lets in: images pass the upload checks, private posts stay with editors."""

from http import HTTPStatus

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction

from cms.images.models import NewsImage

from .conftest import SITE, item, run, write_image
from .test_import import imported


def attachment(wp_id, name):
    return item(
        wp_id,
        post_type="attachment",
        status="inherit",
        title=name,
        attachment_url=f"{SITE}/wp-content/uploads/2015/03/{name}",
    )


@pytest.fixture
def uploads(tmp_path):
    root = tmp_path / "uploads"
    write_image(root / "2015/03/clean.jpg")
    return root


@pytest.mark.django_db
def test_imported_image_with_a_script_hidden_after_it_is_refused_and_reported(
    newsroom, write_export, uploads
):
    polyglot = write_image(uploads / "2015/03/polyglot.jpg")
    polyglot.write_bytes(polyglot.read_bytes() + b"<script>alert(1)</script>")
    path = write_export(attachment(70, "clean.jpg"), attachment(71, "polyglot.jpg"))

    report = run(path, media_dir=uploads)

    assert report.counts["images"] == {"created": 1, "skipped": 1}
    assert list(NewsImage.objects.values_list("title", flat=True)) == ["clean.jpg"]
    (refused,) = [w for w in report.warnings if w.startswith("attachment 71")]
    assert "polyglot.jpg refused" in refused and "markup" in refused
    assert report.skipped[("images", "refused by the checks every upload passes")] == 1


@pytest.mark.django_db
def test_imported_image_over_the_pixel_limit_is_refused_and_reported(
    newsroom, write_export, uploads, settings
):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 50 * 50
    write_image(uploads / "2015/03/huge.jpg", size=(400, 300))
    path = write_export(attachment(72, "huge.jpg"))

    report = run(path, media_dir=uploads)

    assert report.counts["images"] == {"skipped": 1}
    assert not NewsImage.objects.exists()
    assert any(
        w.startswith("attachment 72: huge.jpg refused") and "too many pixels" in w
        for w in report.warnings
    )


@pytest.mark.django_db
def test_private_post_is_not_readable_by_a_writer_even_without_the_editor_groups(
    newsroom, write_export, writer, client
):
    Group.objects.filter(name__in=["Editors", "Administrators"]).delete()

    report = run(write_export(item(80, status="private")))

    page = imported(80)
    restriction = PageViewRestriction.objects.get(page=page)
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Editors",
        "Administrators",
    }
    assert any(w.startswith("group Editors: did not exist") for w in report.warnings)
    client.force_login(writer)
    assert client.get(page.url).status_code != HTTPStatus.OK
    writer.groups.add(Group.objects.get(name="Editors"))
    assert client.get(page.url).status_code == HTTPStatus.OK


@pytest.mark.django_db
def test_private_post_open_to_any_login_after_an_earlier_import_is_closed_on_reimport(
    newsroom, write_export
):
    path = write_export(item(81, status="private"))
    run(path)
    # What earlier imports left behind: any logged-in account may read it.
    PageViewRestriction.objects.filter(page=imported(81)).delete()
    PageViewRestriction.objects.create(
        page=imported(81), restriction_type=PageViewRestriction.LOGIN
    )

    report = run(path)

    assert report.counts["articles"] == {"unchanged": 1}
    restriction = PageViewRestriction.objects.get(page=imported(81))
    assert restriction.restriction_type == "groups"
    assert set(restriction.groups.values_list("name", flat=True)) == {
        "Editors",
        "Administrators",
    }


@pytest.mark.django_db
def test_password_protected_post_keeps_its_password(newsroom, write_export):
    run(write_export(item(82, password="harbour")))
    restriction = PageViewRestriction.objects.get(page=imported(82))
    assert (restriction.restriction_type, restriction.password) == (
        "password",
        "harbour",
    )
