"""The "Frontend" preview mode: the editor's preview panel showing the external site."""

from urllib.parse import urlsplit

from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.utils.translation import gettext_lazy as _

from .frontend import frontend_answers, frontend_preview_url
from .models import PreviewSnapshot
from .tokens import make_token

FRONTEND_MODE = "frontend"


class FrontendPreviewMixin:
    """
    Adds a "Frontend" preview mode beside Wagtail's own HTML preview.

    In that mode the preview panel is sent to the site's frontend preview
    route with a signed token for exactly what the editor sees, unsaved edits
    included; the frontend exchanges the token at ``/api/v1/preview/``. When
    the frontend does not answer, the panel says so and how to start it.
    """

    @property
    def preview_modes(self):
        return [*super().preview_modes, (FRONTEND_MODE, _("Frontend"))]

    def serve_preview(self, request, mode_name):
        if mode_name != FRONTEND_MODE:
            return super().serve_preview(request, mode_name)
        snapshot = PreviewSnapshot.take(self)
        token = make_token(page_id=self.pk, snapshot_id=snapshot.pk)
        url = frontend_preview_url(request, self, token)
        if url and frontend_answers(url):
            response = redirect(url)
        elif url:
            # A frontend that is down would leave the panel blank: say so.
            parts = urlsplit(url)
            response = TemplateResponse(
                request,
                "preview/frontend_unreachable.html",
                {"page": self, "frontend_origin": f"{parts.scheme}://{parts.netloc}"},
            )
        else:
            response = TemplateResponse(
                request, "preview/frontend_not_configured.html", {"page": self}
            )
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return response
