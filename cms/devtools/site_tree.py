"""
The newsroom's page tree, created idempotently:

    Root
    └── Home (HomePage, the default site's root)
        ├── News (ArticleIndexPage)
        └── Authors (AuthorIndexPage)
"""

from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.db import transaction
from wagtail.models import Page, Site

from blog.models import ArticleIndexPage, AuthorIndexPage
from home.models import HomePage


@dataclass
class SiteTree:
    home: HomePage
    news: ArticleIndexPage
    authors: AuthorIndexPage


def _child(parent, model, slug, **fields):
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing:
        return existing
    page = model(slug=slug, **fields)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


@transaction.atomic
def ensure_site_tree(site_name="The Newsroom", hostname="localhost", port=80):
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        # Wagtail's installation leaves a plain "Welcome" page at /home/;
        # the newsroom's own home page takes its place.
        for placeholder in root.get_children().filter(
            slug="home", content_type__model="page"
        ):
            if not placeholder.get_children().exists():
                placeholder.delete()
        home = HomePage(
            title=site_name,
            slug="home",
            intro="<p>Independent reporting on the Middle East and beyond.</p>",
        )
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname=hostname,
            port=port,
            root_page=home,
            is_default_site=True,
            site_name=site_name,
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = site.site_name or site_name
        site.save()
    news = _child(home, ArticleIndexPage, "news", title="News")
    authors = _child(home, AuthorIndexPage, "authors", title="Authors")
    return SiteTree(home=home, news=news, authors=authors)


def address_from_base_url(base_url):
    """``(hostname, port)`` of a base URL such as ``http://127.0.0.1:8000``."""
    parts = urlsplit(base_url)
    if not parts.hostname:
        raise ValueError(f"{base_url!r} is not an absolute URL")
    return parts.hostname, parts.port or (443 if parts.scheme == "https" else 80)


@transaction.atomic
def point_site_at_base_url(site, base_url=None):
    """
    Give the default site the address the CMS is served on
    (``WAGTAILADMIN_BASE_URL``), so canonical links, feed links and
    notification e-mails name the real server rather than Wagtail's
    installation default of ``localhost:80``.
    """
    hostname, port = address_from_base_url(base_url or settings.WAGTAILADMIN_BASE_URL)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save(update_fields=["hostname", "port"])
    return site
