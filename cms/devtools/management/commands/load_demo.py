from django.conf import settings
from django.core.management.base import BaseCommand
from django.test.utils import override_settings

from cms.devtools.demo.newsroom import DEMO_USERS, load_demo_newsroom


class Command(BaseCommand):
    help = (
        "Create the demo newsroom: site tree, roles and review workflow, demo users, "
        "the author Sofia Nawab, the seed article and articles in every workflow state. "
        "Safe to run again: existing content is left alone."
    )

    def handle(self, *args, **options):
        # The demo's own submissions and approvals would otherwise e-mail
        # the demo users; real notifications start with real edits.
        with override_settings(
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"
        ):
            report = load_demo_newsroom()
        for line in report.created_pages:
            self.stdout.write(f"  created {line}")
        admin_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/admin/"
        self.stdout.write(
            self.style.SUCCESS(f"Demo newsroom ready. Admin: {admin_url}")
        )
        for username, *_rest, group, _superuser in DEMO_USERS:
            password = report.new_passwords.get(username)
            shown = (
                password
                if password
                else "(set earlier; see DEMO_*_PASSWORD or changepassword)"
            )
            self.stdout.write(f"  {group[:-1].lower():<13} {username:<8} {shown}")
        if report.new_passwords:
            self.stdout.write(
                self.style.WARNING("These generated passwords are shown only once.")
            )
