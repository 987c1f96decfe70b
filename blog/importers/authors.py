"""
Authors: each WordPress login of the export becomes an ``AuthorPage`` (a
bio) under the authors index, linked to an account here through the author
map; a writer who already has a bio keeps it. Posts get their byline from
here.
"""

import html as html_lib
import re

from django.contrib.auth import get_user_model
from django.utils.text import slugify

from blog.models import AuthorPage, WordPressRecord

from .content import plain_text
from .records import fingerprint


class AuthorImporter:
    """
    The bios of one export's authors. ``author_map`` maps WordPress logins to
    usernames here; ``header`` is the export's header, whose authors these are.
    """

    def __init__(self, *, header, author_map, records, destination, report):
        self.header = header
        self.author_map = author_map
        self.records = records
        self.destination = destination
        self.report = report
        self.author_pages = {}

    def import_all(self):
        """Every author of the export's header, whether or not they wrote a post."""
        for author in self.header.authors:
            if author.login:
                self.page_for(author.login, author)

    def page_for(self, login, author=None):
        """The AuthorPage for a WordPress login, created or updated on first use."""
        if login in self.author_pages:
            return self.author_pages[login]
        user = self._user_for(login)
        record = self.records.get(WordPressRecord.Kind.AUTHOR, login)
        page = record.page.specific if record and record.page_id else None
        if page is None and user is not None:
            page = AuthorPage.objects.filter(user=user).first()
        name = ""
        if author is not None:
            name = author.display_name or " ".join(
                part for part in (author.first_name, author.last_name) if part
            )
        name = plain_text(name or login)[:255]
        description = author.description if author else ""
        values = {
            "title": name,
            "short_bio": plain_text(description)[:400],
            "bio": f"<p>{html_lib.escape(plain_text(description))}</p>"
            if description
            else "",
            "user": user.pk if user else None,
        }
        digest = fingerprint(values)
        if record and record.page_id and record.fingerprint == digest:
            self.report.count("authors", "unchanged")
        elif page is not None and record is None:
            # The writer already has a bio here: their articles join it as it is.
            self.report.count("authors", "unchanged")
        else:
            created = page is None
            if created:
                page = AuthorPage(
                    title=name,
                    slug=self.destination.free_slug(
                        self.destination.authors_index, slugify(name) or login
                    ),
                    live=False,
                )
                self.destination.authors_index.add_child(instance=page)
            page.title = name
            page.short_bio = values["short_bio"]
            page.bio = values["bio"]
            if user is not None and page.user_id is None:
                page.user = user
            self.destination.publish(page)
            self.report.count("authors", "created" if created else "updated")
        if not (record and record.page_id == page.pk and record.fingerprint == digest):
            self.records.save(
                WordPressRecord.Kind.AUTHOR, login, page=page, fingerprint=digest
            )
        self.author_pages[login] = page
        return page

    def login_of(self, creator):
        """
        A post's ``dc:creator`` as a login of the export's header. Some
        exports carry stray characters there (``>editor``); WordPress logins
        never contain them, so they are dropped as WordPress's own
        ``sanitize_user`` would.
        """
        known = {author.login for author in self.header.authors}
        if creator in known:
            return creator
        cleaned = re.sub(r"[^\w .@-]", "", creator).strip()
        return cleaned or creator

    def _user_for(self, login):
        username = self.author_map.get(login)
        if not username:
            return None
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            self.report.warn(
                f"author {login}",
                f"no account named {username!r} here; the bio is not linked to one",
            )
        return user
