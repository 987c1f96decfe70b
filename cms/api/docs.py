"""The interactive docs both APIs serve (django-ninja's Swagger UI)."""

from ninja.openapi.docs import Swagger


def accessible_swagger():
    """
    Swagger UI as the APIs serve it. Deep links turn each operation's path
    into a link inside the operation's toggle button, which screen readers
    may not announce (axe: nested-interactive); the docs go without them.
    """
    return Swagger(settings={"deepLinking": False})
