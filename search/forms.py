"""The site search page's form: the query and the filters the Delivery API offers."""

from datetime import UTC, datetime, time

from django import forms
from django.utils.translation import gettext_lazy as _

from blog.models import AuthorPage, Topic
from cms.publishing.filters import ArticleFilters

from .query import MAX_QUERY_LENGTH, normalise_query


class SearchForm(forms.Form):
    """
    Read from ``GET``; a bad filter is reported beside the field and left
    out, while the words are still searched.
    """

    query = forms.CharField(
        label=_("Search for"), required=False, max_length=MAX_QUERY_LENGTH * 2
    )
    topic = forms.ModelChoiceField(
        label=_("Topic"),
        queryset=Topic.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Any topic"),
    )
    author = forms.ModelChoiceField(
        label=_("Author"),
        queryset=AuthorPage.objects.none(),  # live authors, chosen per request
        to_field_name="slug",
        required=False,
        empty_label=_("Any author"),
    )
    published_after = forms.DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    published_before = forms.DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Not at import time: public() reads the view restrictions.
        self.fields["author"].queryset = (
            AuthorPage.objects.live().public().order_by("title")
        )

    def clean_query(self):
        return normalise_query(self.cleaned_data["query"])

    def search_query(self):
        """The normalised words, or "" when there is nothing to search for."""
        query = self.cleaned_data.get("query", "") if self.is_valid() else ""
        if not query:
            query = normalise_query(self.data.get("query"))
        return query if query.replace('"', "").strip() else ""

    def filters(self):
        """The valid filters; an invalid one is dropped (its error is shown)."""
        self.is_valid()
        data = self.cleaned_data

        def moment(day, end):
            if not day:
                return None
            return datetime.combine(day, time.max if end else time.min, tzinfo=UTC)

        topic = data.get("topic")
        author = data.get("author")
        return ArticleFilters(
            topics=((topic.slug,),) if topic else (),
            author=author.pk if author else None,
            published_after=moment(data.get("published_after"), end=False),
            published_before=moment(data.get("published_before"), end=True),
        )
