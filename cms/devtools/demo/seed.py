"""
The seed article, read from the text of a real published story.

The file is laid out as a news page reads: headline, standfirst, body
paragraphs, "Original Source: ...", then the author box ("About <name>",
the bio, "View all posts by <name>"). Parsing it, rather than copying its
parts into code, keeps the demo faithful to the original.
"""

from dataclasses import dataclass
from pathlib import Path

SEED_PATH = Path(__file__).with_name("seed-article.txt")
SOURCE_PREFIX = "Original Source:"
ABOUT_PREFIX = "About "


@dataclass(frozen=True)
class SeedArticle:
    title: str
    standfirst: str
    paragraphs: list[str]
    source_name: str
    author_name: str
    author_bio: str


def read_seed_article(path=SEED_PATH):
    blocks = [block.strip() for block in path.read_text(encoding="utf-8").split("\n\n")]
    blocks = [block for block in blocks if block]
    title, standfirst, *rest = blocks
    source_index = next(
        i for i, block in enumerate(rest) if block.startswith(SOURCE_PREFIX)
    )
    paragraphs = rest[:source_index]
    source_name = rest[source_index].removeprefix(SOURCE_PREFIX).strip()
    about = rest[source_index + 1]
    author_name = about.removeprefix(ABOUT_PREFIX).strip()
    author_bio = rest[source_index + 2]
    return SeedArticle(
        title=title,
        standfirst=standfirst,
        paragraphs=paragraphs,
        source_name=source_name,
        author_name=author_name,
        author_bio=author_bio,
    )
