from django.db import models
from django.utils.translation import gettext_lazy as _


class Heartbeat(models.Model):
    """
    The last time a background loop ran, by name ("scheduler").

    Kept in the database, not the cache: the web process and the worker share
    the database on every set-up, while the development cache lives in each
    process's memory. One row per loop, overwritten on each round.
    """

    name = models.CharField(_("name"), max_length=50, primary_key=True)
    beat_at = models.DateTimeField(_("last beat"))
    every = models.FloatField(_("seconds between beats"))

    class Meta:
        verbose_name = _("heartbeat")
        verbose_name_plural = _("heartbeats")

    def __str__(self):
        return self.name
