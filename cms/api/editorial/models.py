from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import APIToken

from .scopes import Scope


class TokenPolicy(models.Model):
    """
    The scope and expiry of one of Wagtail's API tokens.

    Wagtail's ``APIToken`` stores only a digest and the owner; this adds what
    the newsroom needs to hand a token to a script or a partner safely. A
    token without a policy (one made in Wagtail's own token screen) gets
    ``EDITORIAL_API_DEFAULT_SCOPE`` and never expires.
    """

    token = models.OneToOneField(
        APIToken,
        on_delete=models.CASCADE,
        related_name="editorial_policy",
        verbose_name=_("token"),
    )
    scope = models.CharField(
        _("scope"), max_length=20, choices=Scope.choices, default=Scope.READ
    )
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token policy")
        verbose_name_plural = _("API token policies")

    def __str__(self):
        return f"{self.token} [{self.scope}]"

    @property
    def expired(self):
        return self.expires_at is not None and self.expires_at <= timezone.now()

    @classmethod
    def for_token(cls, api_token):
        """The token's policy, or an unsaved default one."""
        try:
            return api_token.editorial_policy
        except cls.DoesNotExist:
            return cls(token=api_token, scope=settings.EDITORIAL_API_DEFAULT_SCOPE)
