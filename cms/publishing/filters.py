"""
The article filters, in one place: author, topics, section and dates.

The article list, the Delivery API's search and the site's search all narrow
articles the same way, so they share ``ArticleFilters``: made from request
parameters (``from_params``) or a form, and applied to stored documents
(``documents``), to page querysets (``pages``, for Wagtail's search
backends) and as SQL conditions (``search.stored``), all through the same
author and topic subqueries over the pages' own (live) relation tables.
"""

import datetime as dt
from dataclasses import dataclass
from datetime import datetime, time

from django.db.models import Q
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from wagtail.models import Page

from blog.models import ArticleAuthor, ArticleTopic
from cms.http.problems import BadRequest


def _refuse_nul(name, value):
    """
    A NUL character is in no slug, and PostgreSQL refuses it in any text it
    is sent: a parameter holding one is the client's mistake (a 400), not a
    database error.
    """
    if isinstance(value, str) and "\x00" in value:
        raise BadRequest(
            f"{name} must not contain a NUL character.",
            [{"name": name, "reason": "contains a NUL character"}],
        )
    return value


def _id_or_slug(name, value):
    """A page id (digits) or a slug, from parameter ``name``; None when blank."""
    value = _refuse_nul(name, value)
    value = (value or "").strip() if isinstance(value, str) else value
    if value in (None, ""):
        return None
    if isinstance(value, str) and value.isdigit():
        return int(value)
    return value


def parse_when(name, value, *, end_of_day=False):
    """An ISO date or datetime; a bare date means its start (or end) in UTC."""
    if value is None:
        return None
    try:
        # A bare date first: parse_datetime reads "2025-03-08" as midnight,
        # which would end a "published_before" day at its very start.
        day = parse_date(value)
        if day is not None:
            moment = datetime.combine(day, time.max if end_of_day else time.min)
        else:
            moment = parse_datetime(value)
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(
            f"{name} must be an ISO 8601 date or date-time.",
            [{"name": name, "reason": "not an ISO 8601 date or date-time"}],
        )
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment, dt.UTC)
    return moment


@dataclass(frozen=True)
class ArticleFilters:
    """
    Narrowing of articles. ``author`` and ``section`` are a page id or a
    slug. Each entry of ``topics`` is a set of alternative topic slugs (OR);
    every entry must match (AND). The dates bound the article's date (its
    display date, else its first publication), inclusive.
    """

    author: int | str | None = None
    topics: tuple[tuple[str, ...], ...] = ()
    section: int | str | None = None
    published_after: datetime | None = None
    published_before: datetime | None = None

    @classmethod
    def from_params(
        cls,
        *,
        author=None,
        topics=(),
        section=None,
        published_after=None,
        published_before=None,
    ):
        """
        From query parameters: ids or slugs, each ``topic`` parameter with
        comma-separated alternatives, ISO dates (a bare ``published_before``
        date includes that whole day). A bad date is a ``BadRequest``.
        """
        alternatives = []
        for topic in topics or ():
            _refuse_nul("topic", topic)
            slugs = tuple(slug.strip() for slug in topic.split(",") if slug.strip())
            if slugs:
                alternatives.append(slugs)
        return cls(
            author=_id_or_slug("author", author),
            topics=tuple(alternatives),
            section=_id_or_slug("section", section),
            published_after=parse_when("published_after", published_after),
            published_before=parse_when(
                "published_before", published_before, end_of_day=True
            ),
        )

    def __bool__(self):
        return bool(
            self.topics
            or self.author is not None
            or self.section is not None
            or self.published_after
            or self.published_before
        )

    def authored(self):
        """Ids of the author's articles (a ``page_id`` subquery), or None."""
        if self.author is None:
            return None
        by = (
            {"author_id": self.author}
            if isinstance(self.author, int)
            else {"author__slug": self.author}
        )
        return ArticleAuthor.objects.filter(**by).values("page_id")

    def tagged(self):
        """One subquery of article ids per entry of ``topics``."""
        return [
            ArticleTopic.objects.filter(tag__slug__in=slugs).values("content_object_id")
            for slugs in self.topics
        ]

    def documents(self, queryset):
        """``queryset`` of stored article documents, narrowed."""
        authored = self.authored()
        if authored is not None:
            queryset = queryset.filter(page_id__in=authored)
        for tagged in self.tagged():
            queryset = queryset.filter(page_id__in=tagged)
        if isinstance(self.section, int):
            queryset = queryset.filter(section_id=self.section)
        elif self.section is not None:
            queryset = queryset.filter(
                section_id__in=Page.objects.filter(slug=self.section).values("pk")
            )
        if self.published_after:
            queryset = queryset.filter(sort_date__gte=self.published_after)
        if self.published_before:
            queryset = queryset.filter(sort_date__lte=self.published_before)
        return queryset

    def pages(self, queryset):
        """
        ``queryset`` of article pages, narrowed through ``id`` subqueries: they
        never duplicate a row, the database backends keep them in the same SQL
        statement, and the Elasticsearch and OpenSearch backends turn them into
        id lists. Search offers no section filter, so ``section`` is not read.
        """
        authored = self.authored()
        if authored is not None:
            queryset = queryset.filter(id__in=authored)
        for tagged in self.tagged():
            queryset = queryset.filter(id__in=tagged)
        if self.published_after:
            after = self.published_after
            queryset = queryset.filter(
                Q(display_date__gte=after)
                | Q(display_date__isnull=True, first_published_at__gte=after)
            )
        if self.published_before:
            before = self.published_before
            queryset = queryset.filter(
                Q(display_date__lte=before)
                | Q(display_date__isnull=True, first_published_at__lte=before)
            )
        return queryset
