from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    """
    The newsroom's user account.

    A project-owned user model from the first migration, so that fields such
    as a display name or a newsroom desk can be added later without the
    painful swap of ``AUTH_USER_MODEL`` on a live database. A writer's public
    identity lives on their ``AuthorPage``, never here: nothing on this model
    is exposed by the delivery API.
    """

    class Meta(AbstractUser.Meta):
        swappable = "AUTH_USER_MODEL"
