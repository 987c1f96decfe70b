"""
Block-editor markup of the core blocks a newsroom uses (tables, code,
preformatted text, galleries, details) becomes the matching story blocks,
not lines of text.
"""

from pathlib import Path

from django.core.files.base import ContentFile
from wagtail.documents.models import Document

from blog.blocks import ArticleBodyBlock
from tests.factories import ImageFactory
from tests.importers.test_content import Resolver, convert, types

FIXTURES = Path(__file__).parent / "fixtures" / "blocks"


def fixture(name):
    return (FIXTURES / name).read_text()


def test_table_block_keeps_rows_headers_alignment_spans_and_caption():
    result = convert(fixture("table.html"))

    assert types(result) == ["table"]
    table = result.blocks[0]["value"]
    assert table["table_caption"] == "Seats won, 2024"
    assert table["first_row_is_table_header"] is True
    assert table["first_col_is_header"] is False
    assert table["data"] == [
        ["Party", "Seats", "Note"],
        ["Labour", "412", "Provisional"],
        ["Conservative", "121", ""],
        ["Total", "", "650"],
    ]
    assert {"row": 1, "col": 1, "className": "htRight"} in table["cell"]
    assert {"row": 1, "col": 2, "rowspan": 2, "colspan": 1} in table["mergedCells"]
    assert {"row": 3, "col": 0, "rowspan": 1, "colspan": 2} in table["mergedCells"]
    assert not any("flattened" in warning for warning in result.warnings)


def test_classic_table_with_header_column_is_a_table():
    result = convert(
        "<table><caption>Turnout</caption><tr><th>North</th><td>61%</td></tr>"
        '<tr><th>South</th><td style="text-align: right">58%</td></tr></table>'
    )

    table = result.blocks[0]["value"]
    assert types(result) == ["table"]
    assert table["table_caption"] == "Turnout"
    assert table["first_row_is_table_header"] is False
    assert table["first_col_is_header"] is True
    assert table["cell"] == [{"row": 1, "col": 1, "className": "htRight"}]


def test_code_and_preformatted_keep_every_space():
    result = convert(fixture("code.html"))

    assert types(result) == ["code", "code"]
    code, preformatted = (block["value"] for block in result.blocks)
    assert code["language"] == "python"
    assert code["code"] == (
        "def seats(votes):\n"
        "\treturn {k: v for k, v in votes.items()}  # a tab, then <code>\n"
        "\n"
        "    indented = True"
    )
    assert preformatted == {
        "language": "",
        "code": "  Name      Votes\n  Smith     1,204\n  Jones       987",
    }


def test_gallery_is_one_block_with_its_images_in_order():
    result = convert(fixture("gallery.html"), Resolver(images={11: 110, 12: 120}))

    assert types(result) == ["gallery"]
    assert result.blocks[0]["value"]["images"] == [
        {"image": 110, "caption": "Queue at dawn", "credit": ""},
        {"image": 120, "caption": "", "credit": ""},
    ]


def test_gallery_shortcode_is_one_gallery_block():
    resolver = Resolver(images={6: 60, 8: 80}, attachments={1: [6, 8]})

    result = convert("[gallery]", resolver)

    assert types(result) == ["gallery"]
    assert [item["image"] for item in result.blocks[0]["value"]["images"]] == [60, 80]


def test_details_is_a_question_and_its_answer():
    result = convert(fixture("details.html"))

    assert result.blocks == [
        {
            "type": "details",
            "value": {
                "question": "What is a hung parliament?",
                "answer": "<p>One where <strong>no party</strong> has a majority.</p>",
            },
        }
    ]


def test_dynamic_blocks_are_reported_by_name():
    result = convert(fixture("dynamic.html"))

    assert types(result) == ["paragraph"]
    assert result.warnings == [
        "left out blocks WordPress builds on the fly: "
        "core/archives, core/calendar, core/latest-posts"
    ]


def test_converted_story_blocks_are_valid_body_blocks(db):
    resolver = Resolver(images={11: 110, 12: 120})
    raw = []
    for name in ("table.html", "code.html", "details.html"):
        raw.extend(convert(fixture(name), resolver).blocks)

    value = ArticleBodyBlock().to_python(raw)
    ArticleBodyBlock().clean(value)

    assert [child.block_type for child in value] == [
        "table",
        "code",
        "code",
        "details",
    ]


UPLOADS = "https://newsroom.example/wp-content/uploads/2024/05"
FILES = Resolver(
    images={f"{UPLOADS}/podium.jpg": 70},
    files={
        f"{UPLOADS}/episode-12.mp3": (401, "Episode 12"),
        f"{UPLOADS}/interview.ogg": (402, "Interview with the returning officer"),
        f"{UPLOADS}/press-conference.mp4": (501, "Press conference"),
        f"{UPLOADS}/queue.webm": (502, "Queue"),
        f"{UPLOADS}/ruling.pdf": (601, "ruling"),
        f"{UPLOADS}/results.csv": (602, "results"),
    },
)


def test_audio_blocks_are_media_blocks_titled_by_caption_or_file():
    result = convert(fixture("audio.html"), FILES)

    assert types(result) == ["paragraph", "media", "media"]
    episode, interview = (block["value"] for block in result.blocks[1:])
    assert episode == {
        "kind": "audio",
        "file": 401,
        "title": "Episode 12: the count",
        "duration": None,
        "poster": None,
        "transcript": "",
    }
    assert (interview["file"], interview["title"]) == (
        402,
        "Interview with the returning officer",
    )
    assert result.files == {("audio", "imported"): 2}
    assert result.warnings == []


def test_video_blocks_keep_their_poster_and_media_text_keeps_its_video():
    result = convert(fixture("video.html"), FILES)

    assert types(result) == ["media", "paragraph", "media"]
    statement = result.blocks[0]["value"]
    assert (statement["kind"], statement["file"], statement["poster"]) == (
        "video",
        501,
        70,
    )
    assert statement["title"] == "The minister's statement"
    # Media on the right: the text is read first.
    assert result.blocks[1]["value"] == "<p>Voters queued from dawn.</p>"
    assert result.blocks[2]["value"]["file"] == 502
    assert result.files == {("video", "imported"): 2}


def test_file_blocks_are_document_blocks_named_by_their_link():
    result = convert(fixture("file.html"), FILES)

    assert result.blocks == [
        {
            "type": "document",
            "value": {"document": 601, "title": "High Court ruling (PDF)"},
        },
        {"type": "document", "value": {"document": 602, "title": "Full results"}},
    ]
    assert result.files == {("file", "imported"): 2}


def test_audio_and_video_shortcodes_and_html_players_are_media_blocks():
    result = convert(
        f"Listen:\n\n[audio {UPLOADS}/episode-12.mp3]\n\n"
        f'[video mp4="{UPLOADS}/press-conference.mp4" poster="{UPLOADS}/podium.jpg"]'
        f"[/video]\n\n"
        f'<audio controls><source src="{UPLOADS}/interview.ogg" type="audio/ogg"></audio>',
        FILES,
    )

    assert types(result) == ["paragraph", "media", "media", "media"]
    assert [block["value"]["file"] for block in result.blocks[1:]] == [401, 501, 402]
    assert result.blocks[2]["value"]["poster"] == 70
    assert result.files == {("audio", "imported"): 2, ("video", "imported"): 1}


def test_playlist_shortcode_is_one_media_block_per_track():
    resolver = Resolver(files={"41": (401, "Episode 12"), "43": (403, "Episode 13")})

    result = convert('[playlist ids="41,43"]', resolver)

    assert [block["value"]["file"] for block in result.blocks] == [401, 403]
    assert [block["value"]["title"] for block in result.blocks] == [
        "Episode 12",
        "Episode 13",
    ]


def test_a_file_that_is_not_found_is_named_and_counted_as_dropped():
    result = convert(fixture("audio.html") + fixture("file.html"))

    assert types(result) == ["paragraph"]
    assert result.files == {("audio", "dropped"): 2, ("file", "dropped"): 2}
    assert (
        "left out an audio file (file not found in --media-dir): "
        f"{UPLOADS}/episode-12.mp3"
    ) in result.warnings
    assert (
        f"left out a file (file not found in --media-dir): {UPLOADS}/ruling.pdf"
        in result.warnings
    )


def test_a_text_link_to_an_attached_file_becomes_a_document_link():
    result = convert(f'<a href="{UPLOADS}/ruling.pdf">the ruling</a>', FILES)

    assert result.blocks == [
        {
            "type": "paragraph",
            "value": '<p><a id="601" linktype="document">the ruling</a></p>',
        }
    ]


def test_converted_media_and_documents_are_valid_body_blocks(db):
    episode, ruling, still = (
        Document.objects.create(
            title=name, file=ContentFile(b"%PDF-1.4", name=f"{name}.pdf")
        )
        for name in ("episode", "ruling", "still")
    )
    poster = ImageFactory()
    resolver = Resolver(
        images={f"{UPLOADS}/podium.jpg": poster.pk},
        files={
            f"{UPLOADS}/episode-12.mp3": (episode.pk, "Episode 12"),
            f"{UPLOADS}/press-conference.mp4": (still.pk, "Press conference"),
            f"{UPLOADS}/ruling.pdf": (ruling.pk, "ruling"),
        },
    )
    raw = []
    for content in (
        f"[audio {UPLOADS}/episode-12.mp3]",
        fixture("video.html").split("<!-- wp:media-text")[0],
        fixture("file.html").split("<!-- /wp:file -->")[0] + "<!-- /wp:file -->",
    ):
        raw.extend(convert(content, resolver).blocks)

    value = ArticleBodyBlock().to_python(raw)
    ArticleBodyBlock().clean(value)

    assert [child.block_type for child in value] == ["media", "media", "document"]
    assert value[1].value["poster"] == poster
