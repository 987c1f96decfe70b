from urllib.parse import urlencode

from django.template.response import TemplateResponse

from blog.pagination import paginate

from .query import normalise_query, search_articles, search_authors

RESULTS_PER_PAGE = 10


def search(request):
    """The site's search page: matching authors first, then matching articles."""
    query = normalise_query(request.GET.get("query"))
    articles = authors = None
    if query:
        authors = list(search_authors(query)[:5])
        articles = paginate(request, search_articles(query), RESULTS_PER_PAGE)
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "query_string": urlencode({"query": query}),
            "articles": articles,
            "authors": authors,
        },
    )
