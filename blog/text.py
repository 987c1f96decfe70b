"""Plain-text views of article content, for word counts, search and summaries."""

import math

WORDS_PER_MINUTE = 230


def stream_plain_text(stream_value):
    """
    The readable text of a StreamField value, one string.

    Uses each block's own ``get_searchable_content`` so rich text is stripped
    of markup and new block types count without changes here.
    """
    if not stream_value:
        return ""
    block = stream_value.stream_block
    return " ".join(part for part in block.get_searchable_content(stream_value) if part)


def count_words(text):
    return len(text.split())


def reading_minutes(word_count):
    """Minutes an average adult needs for ``word_count`` words; never less than one."""
    return max(1, math.ceil(word_count / WORDS_PER_MINUTE))
