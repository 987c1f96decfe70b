"""
Moving a WordPress newsroom in: posts, authors, topics, images, comments
and old links, from a WXR export.

``WordPressImporter`` runs an import; each kind of object has its own
module, which owns what that kind becomes here:

- ``authors``: WordPress logins to author bios;
- ``media``: attachments to images, through the upload checks;
- ``documents``: audio, video and other files to Wagtail documents;
- ``posts``: posts to articles, with their topics and visibility;
- ``pages``: pages to standard pages, keeping their hierarchy;
- ``comments``: comments to reader comments;
- ``redirects``: old permalinks to redirects;

helped by ``records`` (identity keys and the records of earlier imports),
``destination`` (the indexes, free slugs, publishing), ``links`` (what
links and images in post bodies point to) and ``report`` (the summary).

The import reads the file three times, streaming each time:

1. a scan that checks the whole file parses and notes, for each post and
   attachment, the few facts needed to resolve links and images (identity
   keys, slugs, permalinks, file URLs), and the items that claim one
   identity, which are reported and left out. A malformed file fails here,
   before anything is written, with the line of the fault;
2. attachments become images, or documents for audio, video and other
   files (from a local copy of ``wp-content/uploads``);
3. posts become articles, with their comments and redirects. Every post's
   page exists before the first body is converted (new ones are created
   empty first), so a link to a post further down the file still becomes a
   Wagtail page link. Then pages become standard pages, parents first.

All of it runs in one database transaction: a failure, a report whose
counts do not match what was written, or ``dry_run``, leaves the database
as it was (image and document files written on the way are removed again). Publishing
goes through Wagtail's own ``EditPageAction`` and ``revision.publish()``,
so the event log, the stored Delivery API documents and webhooks follow,
once the transaction commits, as for any publish.

Re-running updates in place: each WordPress object is found again through
its ``WordPressRecord``, and an object whose converted result has the same
fingerprint as last time is not touched at all (no revision, no row).
"""

from collections import Counter, defaultdict
from pathlib import Path
from urllib.parse import urlparse

from django.db import transaction

from .authors import AuthorImporter
from .comments import CommentImporter
from .destination import Destination
from .documents import DocumentImporter
from .links import LinkResolver
from .media import MediaImporter
from .pages import PageImporter
from .posts import PostImporter, PostRef
from .records import Records, describe, file_key, identity, url_key
from .redirects import RedirectImporter
from .report import Report, WordPressImportError
from .wxr import WXRReader

__all__ = ["Report", "WordPressImportError", "WordPressImporter", "run_import"]

SKIPPED_POST_TYPES = {
    "nav_menu_item": "menu items are not imported (the frontend owns navigation)",
    "revision": "WordPress revisions are history, not content",
}
SKIPPED_KINDS = {"nav_menu_item": "menu items"}


class WordPressImporter:
    """
    Import one WXR file. ``author_map`` maps WordPress logins to usernames
    here; ``index`` names the ArticleIndexPage for the articles (a slug or
    a URL path; the site's "news" index by default); ``media_dir`` is a local
    copy of the uploads folder; ``progress`` wraps an iterable to show
    progress (e.g. ``tqdm``).
    """

    def __init__(
        self,
        path,
        *,
        media_dir=None,
        author_map=None,
        index=None,
        dry_run=False,
        progress=None,
    ):
        self.path = Path(path)
        self.media_dir = Path(media_dir).resolve() if media_dir else None
        self.author_map = author_map or {}
        self.index_name = index
        self.dry_run = dry_run
        self.progress = progress or (lambda iterable, **kwargs: iterable)
        self.reader = WXRReader(self.path)
        self.report = Report(dry_run=dry_run)
        self.media = None

    # The run.

    def run(self):
        self._scan()
        committed = False
        try:
            with transaction.atomic():
                self._prepare()
                self._report_conflicts()
                self.authors.import_all()
                self.media.import_all()
                self._create_placeholders()
                self._import_posts()
                self._check_counts()
                if self.dry_run:
                    transaction.set_rollback(True)
            committed = not self.dry_run
        finally:
            if not committed and self.media is not None:
                self.media.remove_new_files()
        return self.report

    def _check_counts(self):
        """
        Refuse to commit a report that does not match what was written: each
        article, image and comment counted must be one distinct object.
        """
        disagreements = self.report.disagreements()
        if disagreements:
            raise WordPressImportError(
                "The import was rolled back because its report would not match "
                "what it wrote: " + "; ".join(disagreements) + "."
            )

    def _scan(self):
        """Read the whole file once: it must parse, and links need every post's permalink."""
        self.posts = {}
        self.permalinks = {}
        self.attachment_urls = {}
        self.attachments_by_parent = defaultdict(list)
        self.item_counts = Counter()
        self.hosts = set()
        # Identity key -> the items that claim it; more than one is a conflict.
        claims = {"post": defaultdict(list), "attachment": defaultdict(list)}
        for position, item in enumerate(self.reader.items(), start=1):
            self.item_counts[item.post_type] += 1
            if item.post_type not in claims:
                continue
            key = identity(item)
            if key is not None:
                claims[item.post_type][key].append(describe(item, position))
            if item.post_type == "post":
                if item.link:
                    self.hosts.add(urlparse(item.link).netloc.lower())
                if key is None:
                    continue
                self.posts.setdefault(
                    key,
                    PostRef(
                        slug=item.slug,
                        link=item.link,
                        title=item.title,
                        status=item.status,
                        guid=item.guid,
                        wp_id=item.wp_id,
                        label=describe(item, position),
                    ),
                )
                if item.link:
                    self.permalinks[url_key(item.link)] = key
            elif key is not None:
                if item.attachment_url:
                    # The exact URL first; the one without a size suffix only
                    # where no other attachment claims it.
                    self.attachment_urls[url_key(item.attachment_url)] = key
                    self.attachment_urls.setdefault(file_key(item.attachment_url), key)
                if item.parent:
                    self.attachments_by_parent[item.parent].append(key)
        # Two items known by one key are reported and left out, never merged.
        self.conflicts = {
            kind: {key: labels for key, labels in keys.items() if len(labels) > 1}
            for kind, keys in claims.items()
        }
        for key in self.conflicts["post"]:
            del self.posts[key]
        self.permalinks = {
            url: key
            for url, key in self.permalinks.items()
            if key not in self.conflicts["post"]
        }
        self.header = self.reader.header
        for url in (self.header.base_blog_url, self.header.base_site_url):
            if url:
                self.hosts.add(urlparse(url).netloc.lower())
        self.source = (
            self.header.base_blog_url or self.header.base_site_url or ""
        ).rstrip("/") or self.path.name

    def _prepare(self):
        """The destination, the records of earlier imports, and one importer per kind."""
        destination = Destination(self.index_name)
        records = Records(self.source)
        self.post_records = records.match_posts(self.posts)
        self.post_pages = {
            key: record.page_id
            for key, record in self.post_records.items()
            if record.page_id
        }
        images = {
            key: record.image_id
            for key, record in records.of_kind("attachment")
            if record.image_id
        }
        documents = DocumentImporter(
            media_dir=self.media_dir,
            records=records,
            report=self.report,
            documents={
                key: record.document_id
                for key, record in records.of_kind("attachment")
                if record.document_id
            },
        )
        resolver = LinkResolver(
            hosts=self.hosts,
            permalinks=self.permalinks,
            attachment_urls=self.attachment_urls,
            attachments_by_parent=self.attachments_by_parent,
            post_pages=self.post_pages,
            images=images,
            documents=documents,
        )
        self.authors = AuthorImporter(
            header=self.header,
            author_map=self.author_map,
            records=records,
            destination=destination,
            report=self.report,
        )
        self.media = MediaImporter(
            reader=self.reader,
            media_dir=self.media_dir,
            records=records,
            report=self.report,
            images=images,
            documents=documents,
            conflicts=self.conflicts["attachment"],
            total=self.item_counts["attachment"],
            progress=self.progress,
        )
        redirects = RedirectImporter(site=destination.site, report=self.report)
        self.standard_pages = PageImporter(
            records=records,
            destination=destination,
            resolver=resolver,
            redirects=redirects,
            report=self.report,
        )
        self.articles = PostImporter(
            posts=self.posts,
            post_records=self.post_records,
            post_pages=self.post_pages,
            conflicts=self.conflicts["post"],
            records=records,
            destination=destination,
            resolver=resolver,
            authors=self.authors,
            comments=CommentImporter(records=records, report=self.report),
            redirects=redirects,
            report=self.report,
        )

    def _report_conflicts(self):
        """Name every set of items that claim one identity; none of them is imported."""
        for kind, report_kind in (("post", "articles"), ("attachment", "images")):
            for key, labels in self.conflicts[kind].items():
                if key.startswith("guid:"):
                    shared = "GUID"
                elif key.startswith("link:"):
                    shared = "permalink"
                else:
                    shared = "ID"
                self.report.skip(
                    report_kind,
                    "two or more items share one identity (ID, GUID or permalink)",
                    len(labels),
                )
                self.report.warn(
                    " and ".join(labels),
                    f"identity conflict: they share one {shared}, so none of them "
                    "is imported; give each its own <wp:post_id> or <guid>",
                )

    # Articles.

    def _create_placeholders(self):
        """
        Give every new post its page before any body is converted, so links
        between posts resolve whatever their order in the file. The page
        gets its content, and its first revision, in the next pass.
        """
        self.articles.create_placeholders()

    def _import_posts(self):
        total = sum(self.item_counts.values()) - self.item_counts["attachment"]
        items = (i for i in self.reader.items() if i.post_type != "attachment")
        pages = []
        for item in self.progress(items, total=total, desc="Posts", unit="item"):
            if item.post_type == "post":
                self._import_post(item)
            elif item.post_type == "page":
                # Imported after the posts, once all are known, parents first.
                pages.append(item)
            else:
                reason = SKIPPED_POST_TYPES.get(
                    item.post_type, f"post type {item.post_type!r} is not imported"
                )
                self.report.skip(
                    SKIPPED_KINDS.get(item.post_type, "other items"), reason
                )
                if item.comments:
                    self.report.skip(
                        "comments",
                        "on a WordPress page or other item that is not imported",
                        len(item.comments),
                    )

        self.standard_pages.import_all(pages)

    def _import_post(self, item):
        self.articles.import_post(item)


def run_import(path, **options):
    """Run an import and return its ``Report``; see ``WordPressImporter``."""
    return WordPressImporter(path, **options).run()
