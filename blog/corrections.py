"""
The newsroom's public corrections log on the HTML site, ``/corrections/``:
every correction and update of the articles readers can see, newest first.
"""

from django.shortcuts import render
from django.views.decorators.cache import cache_control

from blog.models import ArticleCorrection, ArticlePage
from blog.pagination import paginate

ENTRIES_PER_PAGE = 30


def readable_corrections():
    """Entries of articles a reader may see now, newest first, with their articles."""
    return (
        ArticleCorrection.objects.filter(
            page__in=ArticlePage.objects.readable().values("pk")
        )
        .select_related("page")
        .order_by("-made_at", "-pk")
    )


@cache_control(max_age=300)
def corrections_log(request):
    page_obj = paginate(request, readable_corrections(), ENTRIES_PER_PAGE)
    return render(
        request,
        "blog/corrections_log.html",
        {"page_obj": page_obj, "entries": page_obj.object_list},
    )
