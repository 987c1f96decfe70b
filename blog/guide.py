"""The newsroom's guide for writers and editors, under Help in the admin."""

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin


class EditorsGuideView(WagtailAdminTemplateMixin, TemplateView):
    """
    How this newsroom writes, reviews and publishes, in the words its admin
    uses; it replaces Wagtail's generic editor guide, which describes
    screens and roles this newsroom does not have.
    """

    page_title = _("Newsroom guide")
    header_icon = "help"
    template_name = "blog/admin/editors_guide.html"

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.page_title}]
