"""The newsroom's HTTP APIs: the public Delivery API lives in ``cms.api.delivery``."""
