import math
from urllib.parse import urlencode

from django.core.paginator import Page, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import get_language

from .forms import SearchForm
from .highlighting import highlight
from .query import (
    article_text,
    fetch_page,
    search_articles,
    search_authors,
)

RESULTS_PER_PAGE = 10
AUTHORS_SHOWN = 5


def _page_number(request):
    value = request.GET.get("page", "1")
    return max(1, int(value)) if value.isdigit() else 1


def paginate_search(request, results, per_page):
    """
    The requested page of search ``results`` as a Django ``Page``, counted by
    the same query that fetched it (see ``fetch_page``); past the end means
    the last page, as on the other listings. When the total is a lower bound
    (``count_exact`` false: a common word's older matches were not read),
    the page after this one exists and the number of pages is not shown.
    """
    number = _page_number(request)
    found = fetch_page(results, (number - 1) * per_page, number * per_page)
    last = max(1, math.ceil((found.total + (not found.exact)) / per_page))
    if number > last:
        number = last
        found = fetch_page(results, (number - 1) * per_page, number * per_page)
    paginator = Paginator((), per_page)
    # A cached_property: set, it is never computed. A lower bound means
    # "more than": one more result makes the next page exist.
    paginator.count = found.total + (0 if found.exact else 1)
    paginator.count_exact = found.exact
    return Page(found.rows, number, paginator)


def search(request):
    """
    The site's search page: matching authors first, then matching articles
    with a highlighted excerpt. When no whole word matches, the last word is
    tried as the start of a word, as a reader who stopped typing early meant.
    Only the edition the page is served in is searched.
    """
    locale = get_language()
    form = SearchForm(request.GET)
    query = form.search_query()
    filters = form.filters()
    articles = authors = None
    prefix = False
    if query:
        if not filters:
            authors = list(search_authors(query, locale=locale)[:AUTHORS_SHOWN])
        articles = paginate_search(
            request,
            search_articles(query, filters, listing=True, locale=locale),
            RESULTS_PER_PAGE,
        )
        if not articles.object_list and not authors and '"' not in query:
            prefix = True
            if not filters:
                authors = list(
                    search_authors(query, prefix=True, locale=locale)[:AUTHORS_SHOWN]
                )
            articles = paginate_search(
                request,
                search_articles(
                    query, filters, prefix=True, listing=True, locale=locale
                ),
                RESULTS_PER_PAGE,
            )
        articles.object_list = [
            (article, highlight(article_text(article), query, prefix=prefix))
            for article in articles.object_list
        ]
    params = {
        name: value
        for name, value in request.GET.items()
        if name != "page" and value and name in form.fields
    }
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "form": form,
            "search_query": query,
            "prefix": prefix,
            "query_string": urlencode(params),
            "articles": articles,
            "authors": authors,
        },
    )
