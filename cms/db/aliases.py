"""The database aliases the router chooses between."""

from django.conf import settings

REPLICA = "replica"
PRIMARY = "default"


def replica_configured():
    return REPLICA in settings.DATABASES
