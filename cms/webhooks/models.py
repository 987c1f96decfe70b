from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import topics
from .signing import generate_secret


class WebhookEndpoint(models.Model):
    """
    An external site that wants to hear about content changes.

    Each endpoint has its own secret, shown to editors once it exists, which
    signs every request it receives. An endpoint whose deliveries keep failing
    is paused, with the reason, until an editor resumes it.
    """

    name = models.CharField(_("name"), max_length=120)
    url = models.URLField(_("URL"), max_length=500)
    secret = models.CharField(
        _("signing secret"), max_length=100, default=generate_secret, editable=False
    )
    events = models.JSONField(
        _("events"),
        default=list,
        blank=True,
        help_text=_("The changes this endpoint is told about."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    is_paused = models.BooleanField(
        _("paused"),
        default=False,
        help_text=_("Set when deliveries keep failing; untick to resume."),
    )
    paused_reason = models.CharField(_("why paused"), max_length=500, blank=True)
    failure_streak = models.PositiveIntegerField(
        _("deliveries failed in a row"), default=0, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def is_receiving(self):
        return self.is_active and not self.is_paused

    def wants(self, topic):
        return topic in self.events


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Pending deliveries whose next attempt time has come."""
        return self.filter(
            status=WebhookDelivery.Status.PENDING,
            next_attempt_at__lte=now or timezone.now(),
        )


class WebhookDelivery(models.Model):
    """
    One event owed to one endpoint: the outbox row.

    Written in the same transaction as the ``ContentEvent`` it announces, so
    nothing that happened can go unannounced, even if the process dies before
    the first attempt. ``next_attempt_at`` doubles as a lease: a worker that
    takes the delivery moves it into the future before sending, so two
    workers never send the same attempt.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SUCCEEDED = "succeeded", _("Delivered")
        FAILED = "failed", _("Gave up")

    event = models.ForeignKey(
        "events.ContentEvent",
        verbose_name=_("event"),
        on_delete=models.CASCADE,
        related_name="webhook_deliveries",
    )
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        verbose_name=_("endpoint"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempt_count = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(
        _("next attempt"), default=timezone.now, db_index=True
    )
    payload = models.JSONField(
        _("payload"),
        null=True,
        blank=True,
        help_text=_("Built at the first attempt and resent unchanged."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "endpoint"], name="one_delivery_per_endpoint"
            )
        ]

    def __str__(self):
        return f"{self.event} → {self.endpoint}"

    @property
    def topic(self):
        return topics.topic_for(self.event)


class WebhookAttempt(models.Model):
    """
    One HTTP request for a delivery, kept for the admin's delivery log: when,
    the status code and how long it took. What the receiver answered is not
    kept, so an endpoint cannot be used to read another server's responses.
    """

    delivery = models.ForeignKey(
        WebhookDelivery,
        verbose_name=_("delivery"),
        on_delete=models.CASCADE,
        related_name="attempts",
    )
    number = models.PositiveSmallIntegerField(_("attempt"))
    started_at = models.DateTimeField(_("started at"), default=timezone.now)
    status_code = models.PositiveSmallIntegerField(_("status code"), null=True)
    latency_ms = models.PositiveIntegerField(_("latency (ms)"), default=0)
    error = models.CharField(_("error"), max_length=500, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)

    class Meta:
        verbose_name = _("webhook attempt")
        verbose_name_plural = _("webhook attempts")
        ordering = ["-id"]

    def __str__(self):
        return f"{self.delivery} #{self.number}"
