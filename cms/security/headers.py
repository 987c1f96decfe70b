"""
Security headers for every response, and a Content-Security-Policy for the
server-rendered site.

The policy is not sent under ``CSP_EXEMPT_PATHS`` (the Wagtail admin by
default): the admin ships inline scripts and styles and its previews render
pages inside it, so a site policy there would break the editor. Views that
set their own ``Content-Security-Policy`` keep it.
"""

from django.conf import settings

DEFAULT_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    # Embeds (video players, social posts) carry style attributes.
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "https:"],
    "font-src": ["'self'", "data:"],
    "connect-src": ["'self'"],
    # Article embeds are iframes from the oEmbed providers.
    "frame-src": ["https:"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'self'"],
}
DEFAULT_HEADERS = {
    "Referrer-Policy": "strict-origin-when-cross-origin",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": (
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
        "interest-cohort=()"
    ),
    "Cross-Origin-Opener-Policy": "same-origin",
}


def build_policy(directives):
    return "; ".join(
        f"{name} {' '.join(sources)}".strip() for name, sources in directives.items()
    )


class SecurityHeadersMiddleware:
    """Add the security headers; add the CSP to HTML outside the exempt paths."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.headers = {
            **DEFAULT_HEADERS,
            **getattr(settings, "SECURITY_HEADERS", {}),
        }
        self.policy = build_policy(
            getattr(settings, "CONTENT_SECURITY_POLICY", DEFAULT_CSP)
        )
        self.exempt = tuple(getattr(settings, "CSP_EXEMPT_PATHS", ("/admin/",)))

    def __call__(self, request):
        response = self.get_response(request)
        for name, value in self.headers.items():
            if value:
                response.headers.setdefault(name, value)
        content_type = response.get("Content-Type", "")
        if (
            self.policy
            and content_type.startswith("text/html")
            and not request.path.startswith(self.exempt)
        ):
            response.headers.setdefault("Content-Security-Policy", self.policy)
        return response
