"""
HTTP caching of the Delivery API's reads: the content generation that
retires every cached response at once (``caching``), the leases that let a
worker trust its copy of the generation for a moment without breaking
read-your-writes (``leases``), and the edge middleware that answers a
repeated read before the rest of the stack runs (``edge``).

A platform package: it knows HTTP, the shared cache and the rate limits,
and nothing of articles or of the API's endpoints.
"""
