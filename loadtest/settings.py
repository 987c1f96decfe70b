"""
The load test's settings: production's, plus the development data app whose
``load_demo`` and ``generate_articles`` fill its database.
"""

from cms.settings.production import *

INSTALLED_APPS = [*INSTALLED_APPS, "cms.devtools"]
