"""
``event_committed`` is sent once for each ``ContentEvent`` after the
transaction that wrote it has committed, and after the project's own
consumers (``settings.CONTENT_EVENT_HANDLERS``, run in order by
``dispatch``) have handled it. A receiver never sees an event that was
rolled back.
"""

from django.dispatch import Signal

event_committed = Signal()
