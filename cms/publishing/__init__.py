"""
The published read model and its upkeep.

Every live, public article and author bio is rendered to its Delivery API
JSON when it is published (``representations``, ``body``, ``images``,
``links``), stored as a ``DeliveryDocument`` (``documents``) and rebuilt
whenever something it shows changes (``signal_handlers``, ``tasks``).
``reading`` is how the API, search and the sync feed read it back.
"""
