"""
The byline's author chooser: the newsroom's author bios (photo, name, role),
searchable by name, instead of Wagtail's page-tree chooser with its
"Only pages of type ... may be chosen" notice about page types.
"""

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.admin.views.generic.chooser import ChooseResultsView, ChooseView
from wagtail.admin.viewsets.chooser import ChooserViewSet
from wagtail.images import get_image_model

from blog.models import AuthorPage

# Kept in step with the {% image %} tag of author_portrait_cell.html.
PORTRAIT_FILTER = "fill-80x80"


class PortraitColumn(Column):
    """The author's photo as a small square portrait, or their initials."""

    cell_template_name = "blog/admin/author_portrait_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["author"] = instance
        context["initials"] = "".join(
            word[0] for word in instance.title.split()[:2] if word
        ).upper()
        return context


class AuthorListingMixin:
    """The columns and rows both the modal and its search results show."""

    ordering = ["title"]

    def get_object_list(self):
        # The portrait's rendition comes with its image: a constant number of
        # queries however many authors the page lists.
        renditions = (
            get_image_model()
            .get_rendition_model()
            .objects.filter(filter_spec=PORTRAIT_FILTER)
        )
        return AuthorPage.objects.select_related("photo").prefetch_related(
            Prefetch("photo__renditions", queryset=renditions)
        )

    @property
    def columns(self):
        title = self.title_column
        title.label = _("Name")
        return [
            PortraitColumn("photo", label=_("Photo"), width="1%"),
            title,
            Column("role", label=_("Role")),
        ]


class AuthorChooseView(AuthorListingMixin, ChooseView):
    pass


class AuthorChooseResultsView(AuthorListingMixin, ChooseResultsView):
    pass


class AuthorChooserViewSet(ChooserViewSet):
    """Choose author bios for a byline, one or several at once."""

    model = AuthorPage
    icon = "user"
    choose_one_text = _("Choose an author")
    choose_another_text = _("Choose another author")
    edit_item_text = _("Edit bio")
    choose_view_class = AuthorChooseView
    choose_results_view_class = AuthorChooseResultsView


author_chooser_viewset = AuthorChooserViewSet("author_chooser")
