"""
``event_committed`` is sent once for each ``ContentEvent`` after the
transaction that wrote it has committed. Consumers (cache invalidation,
webhook delivery) connect here and never see an event that was rolled back.
"""

from django.dispatch import Signal

event_committed = Signal()
