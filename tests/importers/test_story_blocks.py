"""
Block-editor markup of the core blocks a newsroom uses (tables, code,
preformatted text, galleries, details) becomes the matching story blocks,
not lines of text.
"""

from pathlib import Path

from blog.blocks import ArticleBodyBlock
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
