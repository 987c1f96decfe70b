"""
Data for development, tests, benchmarks and load tests: the demo newsroom
(``manage.py load_demo``), the site tree every fresh database needs, and the
article generator behind ``manage.py generate_articles``.

Installed by the dev, test, bench and load-test settings only: production
never ships a command that fills its database with invented articles.
"""
