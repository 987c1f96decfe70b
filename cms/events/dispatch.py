"""
The one dispatcher of committed content events.

``log.record`` writes a ``ContentEvent`` in the transaction of the change and,
once that transaction has committed, hands it here. The consumers run in the
order ``settings.CONTENT_EVENT_HANDLERS`` lists them, which is the order
correctness needs:

1. the stored documents are rebuilt and the cache generation is bumped
   (``cms.publishing``), so that anyone told of the change reads it;
2. the CDN drops the changed URLs (``cms.publishing``), refetching from
   workers that already serve the new documents;
3. webhook deliveries are queued (``cms.webhooks``).

Nothing depends on ``INSTALLED_APPS`` order or on the order in which signal
receivers were connected. A failing step is logged and the next still runs:
a CDN outage must not keep webhooks from going out, and a failed render is
retried by the background task the next change queues. ``event_committed``
is sent last, for anything else that wants to hear of events.
"""

import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.module_loading import import_string

from .models import ContentEvent
from .signals import event_committed

logger = logging.getLogger(__name__)


@dataclass
class Dispatch:
    """
    One committed event on its way through the handlers.

    ``paths`` collects the site-relative paths the change affected (where the
    page was and where it is now), found by the step that rebuilds the
    documents and read by the step that purges the CDN.
    """

    event: ContentEvent
    paths: set[str] = field(default_factory=set)


def handlers():
    """The handlers, in order, as ``settings.CONTENT_EVENT_HANDLERS`` names them."""
    return [import_string(path) for path in settings.CONTENT_EVENT_HANDLERS]


def dispatch(event):
    """Run every handler for a committed ``event``, in order."""
    state = Dispatch(event)
    for handler in handlers():
        try:
            handler(state)
        except Exception:
            logger.exception(
                "Content event handler %s failed for event %s",
                getattr(handler, "__qualname__", handler),
                event.pk,
            )
    event_committed.send(sender=ContentEvent, event=event)
