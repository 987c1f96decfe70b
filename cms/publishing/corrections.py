"""
The newsroom-wide corrections log: every correction and update of the
articles readers can see now, newest first.

Read from the published rows of ``ArticleCorrection`` (a draft's entries
live only in its revision until it is published) and from the stored
documents, which decide visibility and give each entry its article's title
and links as published. Two queries whatever the page size.
"""

import json

from blog.models import ArticleCorrection

from .reading import visible
from .representations import correction_entry

ARTICLE_KEYS = ("id", "title", "path", "url", "api_url")


def published_corrections(kind=None):
    """The log's entries on visible articles, newest first."""
    entries = ArticleCorrection.objects.filter(
        page_id__in=visible("article").values("page_id")
    ).order_by("-made_at", "-pk")
    if kind:
        entries = entries.filter(kind=kind)
    return entries


def log_page(entries):
    """
    ``entries`` (a slice of ``published_corrections``) as the API lists them:
    each with the article it corrects, as that article's stored summary has it.
    """
    entries = list(entries)
    summaries = dict(
        visible("article")
        .filter(page_id__in={entry.page_id for entry in entries})
        .values_list("page_id", "summary")
    )
    results = []
    for entry in entries:
        summary = json.loads(summaries[entry.page_id])
        results.append(
            {
                **correction_entry(entry),
                "article": {key: summary[key] for key in ARTICLE_KEYS},
            }
        )
    return results
