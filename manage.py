#!/usr/bin/env python
"""Django's command-line utility; defaults to the development settings."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cms.settings.dev")
    from django.core.management import execute_from_command_line

    from cms.ops.startup import check_services

    # A missing or unreachable database or Redis: one line, not a traceback.
    check_services(sys.argv)
    execute_from_command_line(sys.argv)
