"""
The body's word count and reading time while a story is being written.

The figure readers and the API get is ``ArticlePage.word_count``, counted
from the body's text by ``blog.text`` when the page is saved. The editor
posts its form here as the writer types and shows what comes back, so the
editor, the Checks panel and the API all read the one rule: no second count
in JavaScript to drift from it, and the bio box and comments that surround
the story in the preview are not part of it.
"""

from http import HTTPStatus

from django.db import transaction
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from blog.models import ArticlePage
from blog.text import count_words, reading_minutes, stream_plain_text
from cms.http.problems import problem_response


def body_from_form(data, files):
    """The body StreamField's value as the editor's form holds it, unsaved."""
    field = ArticlePage._meta.get_field("body").formfield()
    return field.widget.value_from_datadict(data, files, "body")


def word_count_figures(words):
    minutes = reading_minutes(words)
    return {
        "words": words,
        "minutes": minutes,
        "label": ngettext("%(words)d word", "%(words)d words", words) % {"words": words}
        + " · "
        + ngettext("%(minutes)d min read", "%(minutes)d min read", minutes)
        % {"minutes": minutes},
    }


@transaction.non_atomic_requests
@require_POST
def body_word_count(request):
    """
    Count the words of the posted editor form's body, as the save will.

    A POST only because the form is large; it writes nothing, so it opens no
    request transaction (on SQLite a POST's would queue for the write lock
    behind, and beside, the editor's real saves).
    """
    if not request.POST.get("body-count", "").isdigit():
        # The StreamField writes its fields once its script has run.
        return problem_response(
            HTTPStatus.BAD_REQUEST,
            _("The form holds no article body to count."),
            invalid_params=[{"name": "body-count", "reason": _("Required.")}],
        )
    body = body_from_form(request.POST, request.FILES)
    return JsonResponse(word_count_figures(count_words(stream_plain_text(body))))
