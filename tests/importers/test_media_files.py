"""
Audio, video and other files in a WordPress export become Wagtail documents
that the body's media and document blocks point to: read from --media-dir,
never dropped without the report naming them, never duplicated by a re-import.
"""

from pathlib import Path

import pytest
from wagtail.documents.models import Document

from blog.models import ArticlePage, WordPressRecord
from cms.images.models import NewsImage

from .conftest import SITE, item, run, write_image

BLOCKS = Path(__file__).parent / "fixtures" / "blocks"
UPLOADS = f"{SITE}/wp-content/uploads"


def attachment(wp_id, relative, title):
    return item(
        wp_id,
        post_type="attachment",
        status="inherit",
        title=title,
        attachment_url=f"{UPLOADS}/{relative}",
    )


def story_export(write_export):
    """A post with audio, video and file blocks; some files are attachments, some not."""
    content = "".join(
        (BLOCKS / name).read_text()
        for name in ("audio.html", "video.html", "file.html")
    )
    return write_export(
        attachment(41, "2024/05/episode-12.mp3", "Episode 12"),
        attachment(51, "2024/05/press-conference.mp4", "Press conference"),
        attachment(52, "2024/05/queue.webm", "Queue at the polling station"),
        attachment(53, "2024/05/podium.jpg", "The podium"),
        attachment(61, "2024/05/ruling.pdf", "High Court ruling"),
        item(
            70,
            title="Count night",
            content=content
            + f'\n<!-- wp:paragraph --><p>Read <a href="{UPLOADS}/2024/05/ruling.pdf">'
            "the ruling</a>.</p><!-- /wp:paragraph -->",
        ),
    )


def media_dir(tmp_path, *, without=()):
    root = tmp_path / "uploads"
    for relative in (
        "2024/05/episode-12.mp3",
        "2024/05/interview.ogg",
        "2024/05/press-conference.mp4",
        "2024/05/queue.webm",
        "2024/05/ruling.pdf",
        "2024/05/results.csv",
    ):
        if relative not in without:
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(f"bytes of {relative}".encode())
    write_image(root / "2024/05/podium.jpg")
    return root


def body(wp_id=70):
    record = WordPressRecord.objects.get(kind="post", wp_id=str(wp_id))
    return ArticlePage.objects.get(pk=record.page_id).body


@pytest.mark.django_db
def test_audio_video_and_files_become_documents_played_and_linked_by_the_body(
    newsroom, write_export, tmp_path
):
    report = run(story_export(write_export), media_dir=media_dir(tmp_path))

    assert report.dropped_files() == {"audio": 0, "video": 0, "file": 0}
    assert (
        "Audio, video and files in bodies: 2 audio, 2 video, 2 file kept; 0 dropped"
        in (report.table())
    )
    # Four attachments and two files linked by URL only (interview.ogg, results.csv).
    assert report.counts["documents"] == {"created": 6}
    assert report.counts["images"] == {"created": 1}
    assert sorted(Document.objects.values_list("title", flat=True)) == [
        "Episode 12",
        "Full results",
        "High Court ruling",
        "Press conference",
        "Queue at the polling station",
        "interview",
    ]
    blocks = body()
    assert [block.block_type for block in blocks] == [
        "paragraph",
        "media",
        "media",
        "media",
        "paragraph",
        "media",
        "document",
        "document",
        "paragraph",
    ]
    episode = blocks[1].value
    assert (episode["kind"], episode["file"].title) == ("audio", "Episode 12")
    assert episode["file"].file.read() == b"bytes of 2024/05/episode-12.mp3"
    statement = blocks[3].value
    assert statement["kind"] == "video"
    assert statement["poster"] == NewsImage.objects.get()
    assert blocks[6].value["document"].title == "High Court ruling"
    assert blocks[6].value["title"] == "High Court ruling (PDF)"
    ruling = blocks[6].value["document"]
    assert f'<a id="{ruling.pk}" linktype="document">the ruling</a>' in (
        blocks[8].value.source
    )


@pytest.mark.django_db
def test_reimport_brings_no_duplicate_document(newsroom, write_export, tmp_path):
    path = story_export(write_export)
    media = media_dir(tmp_path)
    run(path, media_dir=media)
    documents = set(Document.objects.values_list("pk", "file"))

    again = run(path, media_dir=media)

    assert set(Document.objects.values_list("pk", "file")) == documents
    assert again.counts["documents"] == {"unchanged": 6}
    assert again.counts["articles"] == {"unchanged": 1}
    assert not again.changed


@pytest.mark.django_db
def test_a_missing_file_is_named_per_item_and_comes_in_once_it_is_there(
    newsroom, write_export, tmp_path
):
    path = story_export(write_export)
    missing = ("2024/05/queue.webm", "2024/05/results.csv")

    report = run(path, media_dir=media_dir(tmp_path / "first", without=missing))

    assert report.dropped_files() == {"audio": 0, "video": 1, "file": 1}
    assert f"attachment 52: missing file for {UPLOADS}/2024/05/queue.webm" in (
        report.warnings
    )
    assert (
        "post 70 “Count night”: left out a video file (file not found in "
        f"--media-dir (remote files are not fetched)): {UPLOADS}/2024/05/queue.webm"
    ) in report.warnings
    assert any(
        w.endswith(
            f"left out a file (file not found in --media-dir (remote files "
            f"are not fetched)): {UPLOADS}/2024/05/results.csv"
        )
        for w in report.warnings
    )
    assert "2 dropped (each named in the warnings)" in "\n".join(report.table())
    assert [block.block_type for block in body()].count("media") == 3

    again = run(path, media_dir=media_dir(tmp_path / "second"))

    assert again.dropped_files() == {"audio": 0, "video": 0, "file": 0}
    assert again.counts["documents"] == {"created": 2, "unchanged": 4}
    assert again.counts["articles"] == {"updated": 1}
    assert [block.block_type for block in body()].count("media") == 4


@pytest.mark.django_db
def test_without_media_dir_every_file_is_reported(newsroom, write_export):
    report = run(story_export(write_export))

    assert report.dropped_files() == {"audio": 2, "video": 2, "file": 2}
    assert report.counts["documents"] == {"skipped": 4}
    assert Document.objects.count() == 0


@pytest.mark.django_db
def test_a_file_type_uploads_refuse_is_refused_by_the_import_too(
    newsroom, write_export, tmp_path
):
    media = tmp_path / "uploads"
    (media / "2024/05").mkdir(parents=True)
    (media / "2024/05/payload.html").write_text("<script>alert(1)</script>")
    path = write_export(
        attachment(81, "2024/05/payload.html", "Payload"),
        item(
            82,
            content='<!-- wp:file {"href":"'
            f'{UPLOADS}/2024/05/payload.html"}} --><div class="wp-block-file">'
            f'<a href="{UPLOADS}/2024/05/payload.html">Payload</a></div>'
            "<!-- /wp:file -->",
        ),
    )

    report = run(path, media_dir=media)

    assert Document.objects.count() == 0
    assert report.counts["documents"] == {"skipped": 2}
    assert report.dropped_files()["file"] == 1
    assert any("payload.html refused" in w for w in report.warnings)
