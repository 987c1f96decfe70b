"""
WordPress pages: each becomes a ``StandardPage`` (About, Contact, ...) under
the site's home page, or under the standard page its WordPress parent
became, so the hierarchy and with it the URLs are kept. Bodies go through
the same conversion as posts; old permalinks and ``?page_id=`` links
redirect to the new pages. A page whose converted result is unchanged is
not touched on re-import.
"""

import json
from urllib.parse import unquote

from django.utils.text import slugify
from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Page

from blog.models import StandardPage, WordPressRecord

from .content import ContentConverter, plain_text
from .records import describe, fingerprint, identity

# WordPress statuses a page is imported in, and what it becomes.
LIVE_STATUSES = {"publish"}
DRAFT_STATUSES = {"draft", "pending", "future", "private"}


def _depth(item, by_id):
    """How far below the top ``item`` sits in WordPress, cycles cut."""
    depth, seen, parent = 0, {item.wp_id}, item.parent
    while parent and parent in by_id and parent not in seen:
        seen.add(parent)
        depth += 1
        parent = by_id[parent].parent
    return depth


class PageImporter:
    """The standard pages of one export, imported after its posts."""

    def __init__(self, *, records, destination, resolver, redirects, report):
        self.records = records
        self.destination = destination
        self.resolver = resolver
        self.redirects = redirects
        self.report = report
        self.home = destination.site.root_page.specific
        self.pages = {}

    def import_all(self, items):
        """``items`` (every page of the file), parents before their children."""
        by_id = {item.wp_id: item for item in items if item.wp_id}
        for position, item in sorted(
            enumerate(items, start=1), key=lambda pair: _depth(pair[1], by_id)
        ):
            self.import_page(item, by_id, describe(item, position))

    def import_page(self, item, by_id, where):
        key = identity(item)
        if key is None:
            self.report.skip("pages", "no page ID, GUID or permalink to know it by")
            return
        if item.status not in LIVE_STATUSES | DRAFT_STATUSES:
            self.report.skip("pages", f"WordPress status {item.status!r}")
            return
        live = item.status in LIVE_STATUSES
        if item.status in ("private", "future"):
            self.report.warn(where, f"a {item.status} page is imported as a draft")
        if item.comments:
            self.report.skip(
                "comments",
                "on a WordPress page (pages take no comments)",
                len(item.comments),
            )
        parent = self._parent_for(item, by_id, where)
        record = self.records.get(WordPressRecord.Kind.PAGE, key)
        page = None
        if record is not None and record.page_id:
            page = StandardPage.objects.filter(pk=record.page_id).first()
        conversion = ContentConverter(self.resolver, post_id=item.wp_id).convert(
            item.content
        )
        for warning in conversion.warnings:
            self.report.warn(where, warning)
        self.report.files.update(conversion.files)
        intro = plain_text(item.excerpt)[:600]
        title = plain_text(item.title)[:255] or "Untitled"
        values = {
            "title": title,
            "intro": intro,
            "body": conversion.blocks,
            "live": live,
            "parent": parent.pk,
        }
        digest = fingerprint(values)
        if page is not None and record.fingerprint == digest:
            self.report.wrote("pages", "unchanged", page.pk)
        else:
            created = page is None
            if created:
                page = StandardPage(
                    title=title, slug=self._slug_for(item, parent), live=False
                )
                parent.add_child(instance=page)
            page.title = title
            page.intro = intro
            page.body = json.dumps(conversion.blocks)
            self._save(page, live)
            self.records.save(
                WordPressRecord.Kind.PAGE,
                key,
                record=record,
                guid=item.guid[:500],
                page=page,
                fingerprint=digest,
            )
            self.report.wrote("pages", "created" if created else "updated", page.pk)
        self.pages[item.wp_id] = page
        self.redirects.import_for(page, item, where, query_key="page_id")

    def _parent_for(self, item, by_id, where):
        if not item.parent:
            return self.home
        parent = self.pages.get(item.parent)
        if parent is None:
            self.report.warn(
                where,
                f"its parent page {item.parent} was not imported; "
                "placed under the home page",
            )
            return self.home
        return parent

    def _slug_for(self, item, parent):
        base = slugify(unquote(item.slug), allow_unicode=True) or slugify(
            plain_text(item.title), allow_unicode=True
        )
        return self.destination.free_slug(parent, (base or f"page-{item.wp_id}")[:240])

    def _save(self, page, live):
        if live:
            self.destination.publish(page)
            return
        page.clean()
        EditPageAction(page, clean=False).execute(skip_permission_checks=True)
        if page.live:
            Page.objects.get(pk=page.pk).specific.unpublish()
