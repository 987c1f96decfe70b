"""
``manage.py create_api_token --user writer --scope write --expires-in-days 30``

Wagtail's ``api_tokens create`` with the Editorial API's scope and expiry.
The token is printed once; only its digest is stored.
"""

from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.models import APIToken

from cms.api.editorial.models import TokenPolicy
from cms.api.editorial.scopes import Scope


class Command(BaseCommand):
    help = "Create an Editorial API token with a scope and an expiry; print it once."

    def add_arguments(self, parser):
        parser.add_argument("--user", required=True, help="The owner's username")
        parser.add_argument(
            "--scope", choices=Scope.values, default=Scope.READ, help="Default: read"
        )
        parser.add_argument(
            "--expires-in-days",
            type=int,
            default=90,
            help="Days until the token stops working (0: never). Default: 90",
        )
        parser.add_argument("--name", help="A label; default: '<scope> token'")

    @transaction.atomic
    def handle(self, *args, user, scope, expires_in_days, name, **options):
        model = get_user_model()
        try:
            owner = model.objects.get(**{model.USERNAME_FIELD: user})
        except model.DoesNotExist:
            raise CommandError(f"No user named {user!r}.") from None
        if expires_in_days < 0:
            raise CommandError("--expires-in-days must be 0 or more.")
        token, plaintext = APIToken.create_token(
            user=owner, name=name or f"{scope} token"
        )
        expires_at = (
            timezone.now() + timedelta(days=expires_in_days)
            if expires_in_days
            else None
        )
        TokenPolicy.objects.create(token=token, scope=scope, expires_at=expires_at)
        log(token, "wagtail.apitoken.create", data={"source": "management_command"})
        self.stdout.write(plaintext)
