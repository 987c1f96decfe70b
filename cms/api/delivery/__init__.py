"""
The public, read-only Delivery API at ``/api/v1/``.

Published articles and author bios are rendered to JSON when they are
published (``representations``), stored in ``DeliveryDocument`` rows and
served as bytes, behind ETags and a server-side cache.
"""
