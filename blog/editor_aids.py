"""
What the article editor tells a writer as they type: how long the headline,
SEO title and meta description are against what search results and social
cards show, and a headline field that wraps instead of hiding its end.
"""

import json

from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext as _
from wagtail.admin.widgets import AdminAutoHeightTextInput

# Characters shown before the text is cut off: Google's results show about
# 60 characters of a title and 160 of a description; X's and Facebook's
# cards about 70 of a title and 200 of a description.
SEARCH_TITLE_LENGTH = 60
SOCIAL_TITLE_LENGTH = 70
SEARCH_DESCRIPTION_LENGTH = 160
SOCIAL_DESCRIPTION_LENGTH = 200


def length_limits():
    search, social = _("search results"), _("social cards")
    titles = [
        {"limit": SEARCH_TITLE_LENGTH, "where": search},
        {"limit": SOCIAL_TITLE_LENGTH, "where": social},
    ]
    return {
        # The headline is the search title when no SEO title is set.
        "title": titles,
        "seo_title": titles,
        "search_description": [
            {"limit": SEARCH_DESCRIPTION_LENGTH, "where": search},
            {"limit": SOCIAL_DESCRIPTION_LENGTH, "where": social},
        ],
    }


def length_hints_script():
    return format_html(
        '<script src="{}" data-limits="{}" data-words="{}" defer></script>',
        static("js/length-hints.js"),
        json.dumps(length_limits()),
        json.dumps(
            {
                "count": _("%(count)s characters"),
                "within": _("%(where)s show %(limit)s"),
                "over": _("cut off in %(where)s after %(limit)s"),
            }
        ),
    )


class HeadlineInput(AdminAutoHeightTextInput):
    """
    The headline as a text area that grows with it, so a long headline wraps
    in view instead of scrolling out of a one-line input; still one line of
    text (the script refuses Enter, the form folds any line break).
    """

    def __init__(self, attrs=None):
        super().__init__(attrs={"rows": 1, "data-single-line": "", **(attrs or {})})


def single_line(text):
    return " ".join(text.split())
