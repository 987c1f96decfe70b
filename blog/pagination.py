"""Page-number pagination for the HTML listings, tolerant of bad input."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator


def paginate(request, queryset, per_page):
    """
    The requested page of ``queryset``; a missing or malformed ``?page=`` gives
    the first page and one past the end gives the last, never an error page.
    """
    paginator = Paginator(queryset, per_page)
    try:
        return paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        return paginator.page(1)
    except EmptyPage:
        return paginator.page(paginator.num_pages)
