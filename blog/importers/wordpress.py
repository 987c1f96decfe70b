"""
Moving a WordPress newsroom in: posts, authors, topics, images, comments
and old links, from a WXR export.

The import reads the file three times, streaming each time:

1. a scan that checks the whole file parses and notes, for each post and
   attachment, the few facts needed to resolve links and images (IDs,
   slugs, permalinks, file URLs). A malformed file fails here, before
   anything is written, with the line of the fault;
2. attachments become images (from a local copy of ``wp-content/uploads``);
3. posts become articles, with their comments and redirects. Every post's
   page exists before the first body is converted (new ones are created
   empty first), so a link to a post further down the file still becomes a
   Wagtail page link.

All of it runs in one database transaction: a failure, or ``dry_run``,
leaves the database as it was (image files written on the way are removed
again). Publishing goes through Wagtail's own ``EditPageAction`` and
``revision.publish()``, so the event log, the stored Delivery API documents
and webhooks follow, once the transaction commits, as for any publish.

Re-running updates in place: each WordPress object is found again through
its ``WordPressRecord``, and an object whose converted result has the same
fingerprint as last time is not touched at all (no revision, no row).
"""

import hashlib
import html as html_lib
import ipaddress
import json
import logging
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

from bs4 import BeautifulSoup
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.edit_page import EditPageAction
from wagtail.contrib.redirects.models import Redirect
from wagtail.embeds.finders import get_finders
from wagtail.models import Page, PageViewRestriction

from blog.editorial import ADMINISTRATORS, EDITORS
from blog.models import (
    ArticleAuthor,
    ArticleIndexPage,
    ArticlePage,
    AuthorIndexPage,
    AuthorPage,
    ReaderComment,
    Topic,
    WordPressRecord,
)
from cms.images.fields import VerifiedImageField
from cms.images.models import NewsImage

from .content import ContentConverter, plain_text, query_post_id
from .wxr import WXRReader

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")
# WordPress term slugs for "no category": filing every post under it says nothing.
IGNORED_TERMS = {"uncategorized"}
SKIPPED_POST_TYPES = {
    "page": "WordPress pages are not imported (the newsroom has no page type for them)",
    "nav_menu_item": "menu items are not imported (the frontend owns navigation)",
    "revision": "WordPress revisions are history, not content",
}
COMMENT_STATUS = {
    "1": ReaderComment.Status.APPROVED,
    "approve": ReaderComment.Status.APPROVED,
    "0": ReaderComment.Status.PENDING,
    "hold": ReaderComment.Status.PENDING,
    "spam": ReaderComment.Status.SPAM,
    "trash": ReaderComment.Status.REJECTED,
    "post-trashed": ReaderComment.Status.REJECTED,
}

# Trashed posts, WordPress's unsaved auto-drafts and revision copies.
NOT_IMPORTED_STATUSES = {"trash", "auto-draft", "inherit"}
SKIPPED_KINDS = {"page": "WordPress pages", "nav_menu_item": "menu items"}

# What an article becomes, by WordPress status.
LIVE, DRAFT, SCHEDULED, PRIVATE, PASSWORD = (
    "live",
    "draft",
    "scheduled",
    "private",
    "password",
)


class WordPressImportError(Exception):
    """The import cannot run as asked (no News index, an unreadable author map...)."""


def fingerprint(value):
    data = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def _url_key(url):
    """A permalink without scheme, query and trailing slash, for matching links."""
    parsed = urlparse(url.strip())
    return f"{parsed.netloc.lower()}{parsed.path.rstrip('/')}"


def _file_key(url):
    """An upload URL without scheme, query and WordPress's ``-300x200`` size suffix."""
    parsed = urlparse(url.strip())
    return f"{parsed.netloc.lower()}{_SIZE_SUFFIX.sub('', unquote(parsed.path))}"


# WordPressRecord.wp_id holds at most this many characters.
KEY_LENGTH = 100


def _bounded(prefix, value):
    """``prefix + value``, or a digest of ``value`` where that would not fit a record."""
    key = f"{prefix}{value}"
    if len(key) <= KEY_LENGTH:
        return key
    return f"{prefix}sha256:{hashlib.sha256(value.encode()).hexdigest()}"


def identity(item):
    """
    The key an item is known by from one import to the next: its post ID
    where the export has one, else its GUID, else its permalink; None when
    it carries none of them.

    A post ID is kept as the plain number, the key imports have always used,
    so an export imported before keeps its mapping. Exports trimmed by hand,
    written by other tools or by early WordPress versions may leave out
    ``<wp:post_id>``; every such item would otherwise share the ID 0.
    """
    if item.wp_id:
        return str(item.wp_id)
    if item.guid:
        return _bounded("guid:", item.guid)
    if item.link:
        return _bounded("link:", _url_key(item.link))
    return None


def comment_identity(post_key, comment, position):
    """A comment's key: its comment ID, else its place among its post's comments."""
    if comment.wp_id:
        return str(comment.wp_id)
    return _bounded("", f"{post_key}/comment:{position}")


def describe(item, position):
    """An item as the report names it: its post ID, else its place, title and GUID."""
    title = plain_text(item.title)[:60]
    if item.wp_id:
        return f"post {item.wp_id} “{title}”"
    known_by = item.guid or item.link
    return f"item {position} “{title}”" + (f" ({known_by})" if known_by else "")


@dataclass
class PostRef:
    """What the scan keeps of a post: enough to resolve links to it and name it."""

    slug: str
    link: str
    title: str
    status: str
    guid: str
    wp_id: int
    label: str


@dataclass
class Report:
    """
    What an import did, for the summary table: per kind of object, how many
    were created, updated, unchanged or skipped; why things were skipped;
    and warnings, each naming the WordPress object it concerns.

    Articles, images and comments are counted through ``wrote``, which also
    notes which object each count stands for, so that ``disagreements`` can
    tell when the counts promise more than was written (two WordPress posts
    that ended up as one page, say).
    """

    dry_run: bool = False
    counts: dict = field(default_factory=lambda: defaultdict(Counter))
    statuses: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    warnings: list = field(default_factory=list)
    written: dict = field(default_factory=lambda: defaultdict(lambda: defaultdict(set)))

    KINDS = ("authors", "topics", "images", "articles", "comments", "redirects")
    OUTCOMES = ("created", "updated", "unchanged")

    def count(self, kind, outcome, n=1):
        self.counts[kind][outcome] += n

    def wrote(self, kind, outcome, pk):
        """Count one ``kind`` object as ``outcome``, noting which one it was."""
        self.count(kind, outcome)
        self.written[kind][outcome].add(pk)

    def disagreements(self):
        """
        Where the counts and what was written differ: each count must stand
        for as many distinct objects, and no object may be counted twice.
        """
        found = []
        for kind, outcomes in self.written.items():
            seen = set()
            for outcome in self.OUTCOMES:
                ids = outcomes[outcome]
                counted = self.counts[kind][outcome]
                if counted != len(ids):
                    found.append(
                        f"{counted} {kind} {outcome} but {len(ids)} distinct "
                        f"{'one was' if len(ids) == 1 else 'ones were'} written"
                    )
                if seen & ids:
                    found.append(f"{kind} counted twice: {sorted(seen & ids)}")
                seen |= ids
        return found

    def skip(self, kind, reason, n=1):
        self.counts[kind]["skipped"] += n
        self.skipped[(kind, reason)] += n

    def warn(self, where, message):
        self.warnings.append(f"{where}: {message}")

    @property
    def changed(self):
        return any(
            self.counts[kind][outcome]
            for kind in self.counts
            for outcome in ("created", "updated")
        )

    def table(self):
        """The summary as lines of text."""
        kinds = list(self.KINDS) + sorted(set(self.counts) - set(self.KINDS))
        lines = [f"{'':<18}{'created':>9}{'updated':>9}{'unchanged':>11}{'skipped':>9}"]
        for kind in kinds:
            row = self.counts.get(kind, Counter())
            lines.append(
                f"{kind[0].upper() + kind[1:]:<18}{row['created']:>9}{row['updated']:>9}"
                f"{row['unchanged']:>11}{row['skipped']:>9}"
            )
        if self.statuses:
            lines.append("")
            lines.append(
                "Articles: "
                + ", ".join(
                    f"{n} {state}" for state, n in sorted(self.statuses.items())
                )
            )
        if self.skipped:
            lines.append("")
            lines.append("Skipped:")
            for (kind, reason), n in sorted(self.skipped.items()):
                lines.append(f"  {n} {kind}: {reason}")
        if self.warnings:
            lines.append("")
            lines.append(f"Warnings ({len(self.warnings)}):")
            lines.extend(f"  {warning}" for warning in self.warnings)
        if self.dry_run:
            lines.append("")
            lines.append("Dry run: nothing was saved.")
        return lines


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
        self._new_files = []
        self._finders = None
        self._topics = {}
        self._taken_slugs = {}

    # The run.

    def run(self):
        self._scan()
        committed = False
        try:
            with transaction.atomic():
                self._prepare()
                self._report_conflicts()
                self._import_authors()
                self._import_attachments()
                self._create_placeholders()
                self._import_posts()
                self._check_counts()
                if self.dry_run:
                    transaction.set_rollback(True)
            committed = not self.dry_run
        finally:
            if not committed:
                self._remove_new_files()
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
                    self.permalinks[_url_key(item.link)] = key
            elif key is not None:
                if item.attachment_url:
                    # The exact URL first; the one without a size suffix only
                    # where no other attachment claims it.
                    self.attachment_urls[_url_key(item.attachment_url)] = key
                    self.attachment_urls.setdefault(_file_key(item.attachment_url), key)
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
        self.news = self._article_index()
        self.authors_index = AuthorIndexPage.objects.first()
        if self.authors_index is None:
            raise WordPressImportError(
                "There is no Authors index (AuthorIndexPage) to put the authors under."
            )
        self.site = self.news.get_site()
        self.records = {
            (record.kind, record.wp_id): record
            for record in WordPressRecord.objects.filter(source=self.source)
        }
        self.post_records = self._post_records()
        self.post_pages = {
            key: record.page_id
            for key, record in self.post_records.items()
            if record.page_id
        }
        self.images = {
            wp_id: record.image_id
            for (kind, wp_id), record in self.records.items()
            if kind == WordPressRecord.Kind.ATTACHMENT and record.image_id
        }
        self._private_groups = None

    def _post_records(self):
        """
        The earlier import's record of each post in the export, by identity key.

        A record is found by its key first. Failing that, by the post's GUID,
        so that the same site's posts keep their pages between an export with
        post IDs and one without. Records that imports before post IDs were
        optional made for ID-less items (all under the key "0") are found
        this way too. A record goes to one post only.
        """
        kind = WordPressRecord.Kind.POST
        found, claimed = {}, set()
        for key in self.posts:
            record = self.records.get((kind, key))
            if record is not None:
                found[key] = record
                claimed.add(record.pk)
        by_guid = defaultdict(list)
        for (record_kind, _key), record in self.records.items():
            if record_kind == kind and record.guid and record.pk not in claimed:
                by_guid[record.guid].append(record)
        for key, ref in self.posts.items():
            if key in found or not ref.guid:
                continue
            candidates = [
                record
                for record in by_guid.get(ref.guid[:500], [])
                # A post with an ID never takes over another ID's record.
                if record.pk not in claimed
                and not (ref.wp_id and record.wp_id.isdigit() and record.wp_id != "0")
            ]
            if len(candidates) == 1:
                found[key] = candidates[0]
                claimed.add(candidates[0].pk)
        return found

    def _save_post_record(self, key, **fields):
        record = self.post_records.get(key)
        if record is None:
            record = WordPressRecord(
                source=self.source, kind=WordPressRecord.Kind.POST, wp_id=key
            )
            self.post_records[key] = record
            self.records[(WordPressRecord.Kind.POST, key)] = record
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()
        return record

    def _article_index(self):
        indexes = ArticleIndexPage.objects.all()
        if self.index_name:
            wanted = self.index_name.strip("/")
            for index in indexes:
                path = index.url_path.strip("/")
                if (
                    index.slug == wanted
                    or path == wanted
                    or path.endswith(f"/{wanted}")
                ):
                    return index
            raise WordPressImportError(
                f"No article index matches --index {self.index_name!r}."
            )
        index = indexes.filter(slug="news").first() or indexes.first()
        if index is None:
            raise WordPressImportError(
                "There is no article index (e.g. 'News') to import the articles into."
            )
        return index

    def _record(self, kind, wp_id):
        return self.records.get((kind, str(wp_id)))

    def _save_record(self, kind, wp_id, **fields):
        record = self._record(kind, wp_id)
        if record is None:
            record = WordPressRecord(source=self.source, kind=kind, wp_id=str(wp_id))
            self.records[(kind, str(wp_id))] = record
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()
        return record

    # Resolving links, images and embeds for the content converter.

    def page_id(self, url):
        parsed = urlparse(url.strip())
        if parsed.netloc and parsed.netloc.lower() not in self.hosts:
            return None
        if not parsed.netloc and not parsed.path.startswith("/") and not parsed.query:
            return None
        wp_id = query_post_id(url)
        key = None if wp_id is None else str(wp_id)
        if key is None:
            url_key = _url_key(url)
            key = self.permalinks.get(url_key)
            if key is None and not parsed.netloc:
                for host in self.hosts:
                    key = self.permalinks.get(host + url_key)
                    if key:
                        break
        return self.post_pages.get(key)

    def image_id(self, wp_id, url=""):
        if wp_id is not None and str(wp_id) in self.images:
            return self.images[str(wp_id)]
        if url:
            attachment = self.attachment_urls.get(_url_key(url))
            if attachment is None:
                attachment = self.attachment_urls.get(_file_key(url))
            return self.images.get(attachment)
        return None

    def attachments_of(self, post_id):
        """The identity keys of a post's attachments (``image_id`` takes them too)."""
        return self.attachments_by_parent.get(post_id, []) if post_id else []

    def embed_accepts(self, url):
        if self._finders is None:
            self._finders = get_finders()
        return any(finder.accept(url) for finder in self._finders)

    # Authors.

    def _import_authors(self):
        self.author_pages = {}
        for author in self.header.authors:
            if author.login:
                self._author(author.login, author)

    def _author(self, login, author=None):
        """The AuthorPage for a WordPress login, created or updated on first use."""
        if login in self.author_pages:
            return self.author_pages[login]
        user = self._user_for(login)
        record = self._record(WordPressRecord.Kind.AUTHOR, login)
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
                    slug=self._free_slug(self.authors_index, slugify(name) or login),
                    live=False,
                )
                self.authors_index.add_child(instance=page)
            page.title = name
            page.short_bio = values["short_bio"]
            page.bio = values["bio"]
            if user is not None and page.user_id is None:
                page.user = user
            self._publish(page)
            self.report.count("authors", "created" if created else "updated")
        if not (record and record.page_id == page.pk and record.fingerprint == digest):
            self._save_record(
                WordPressRecord.Kind.AUTHOR, login, page=page, fingerprint=digest
            )
        self.author_pages[login] = page
        return page

    def _login(self, creator):
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

    # Attachments.

    def _import_attachments(self):
        items = (i for i in self.reader.items() if i.post_type == "attachment")
        for item in self.progress(
            items, total=self.item_counts["attachment"], desc="Images", unit="file"
        ):
            self._import_attachment(item)

    def _find_media(self, item):
        if self.media_dir is None:
            return None
        url_path = unquote(urlparse(item.attachment_url).path)
        candidates = [item.attached_file]
        if "/wp-content/uploads/" in url_path:
            candidates.append(url_path.split("/wp-content/uploads/", 1)[1])
        candidates += [url_path.lstrip("/"), Path(url_path).name]
        for candidate in candidates:
            if not candidate:
                continue
            path = (self.media_dir / candidate).resolve()
            # A hostile export must not read files outside the media folder.
            if path.is_relative_to(self.media_dir) and path.is_file():
                return path
        return None

    def _import_attachment(self, item):
        where = f"attachment {item.wp_id}" if item.wp_id else f"attachment {item.guid}"
        key = identity(item)
        if key is None:
            self.report.skip("images", "no attachment ID, GUID or URL to know it by")
            self.report.warn(where, "not imported: nothing identifies it")
            return
        if key in self.conflicts["attachment"]:
            return
        extension = Path(urlparse(item.attachment_url).path).suffix.lower()
        if extension not in IMAGE_EXTENSIONS:
            self.report.skip(
                "images", "not an image (audio, video and documents are not imported)"
            )
            return
        path = self._find_media(item)
        if path is None:
            reason = (
                "no --media-dir given" if self.media_dir is None else "file not found"
            )
            self.report.skip("images", f"{reason} (remote files are not fetched)")
            if self.media_dir is not None:
                self.report.warn(where, f"missing file for {item.attachment_url}")
            return
        content = path.read_bytes()
        refusal = self._refusal(path.name, content)
        if refusal:
            self.report.skip("images", "refused by the checks every upload passes")
            self.report.warn(where, f"{path.name} refused: {refusal}")
            return
        values = {
            "title": plain_text(item.title)[:255] or path.stem,
            "alt_text": plain_text(item.meta.get("_wp_attachment_image_alt", ""))[:255],
            "caption": plain_text(item.excerpt)[:500],
            "file": hashlib.sha1(content).hexdigest(),  # noqa: S324 - Wagtail's own file_hash
        }
        digest = fingerprint(values)
        record = self._record(WordPressRecord.Kind.ATTACHMENT, key)
        image = record.image if record and record.image_id else None
        if image is not None and record.fingerprint == digest:
            self.report.wrote("images", "unchanged", image.pk)
            return
        created = image is None
        image = image or NewsImage()
        image.title = values["title"]
        image.alt_text = values["alt_text"]
        image.caption = values["caption"]
        if created or image.file_hash != values["file"]:
            with path.open("rb") as handle:
                image.file = ImageFile(handle, name=path.name)
                image._set_image_file_metadata()
                image.save()
            self._new_files.append(image.file.name)
        else:
            image.save()
        self.images[key] = image.pk
        self._save_record(
            WordPressRecord.Kind.ATTACHMENT,
            key,
            guid=item.guid[:500],
            image=image,
            fingerprint=digest,
        )
        self.report.wrote("images", "created" if created else "updated", image.pk)

    def _refusal(self, name, content):
        """
        Why an upload here would refuse this file (format, file size, pixel
        count, a broken image or markup hidden in it), or "" when it passes.
        The same field as the admin's and the API's image uploads, so an
        image cannot come in through an import that it could not come in by.
        """
        try:
            VerifiedImageField().clean(SimpleUploadedFile(name, content))
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def _remove_new_files(self):
        storage = NewsImage._meta.get_field("file").storage
        for name in self._new_files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a rolled-back import", name)

    # Articles.

    def _create_placeholders(self):
        """
        Give every new post its page before any body is converted, so links
        between posts resolve whatever their order in the file. The page
        gets its content, and its first revision, in the next pass.
        """
        for key, ref in self.posts.items():
            if key in self.post_pages or ref.status in NOT_IMPORTED_STATUSES:
                continue
            slug = self._slug_for(ref)
            page = ArticlePage(
                title=self._title(ref.title, slug), slug=slug, live=False
            )
            self.news.add_child(instance=page)
            self.post_pages[key] = page.pk
            self._save_post_record(key, guid=ref.guid[:500], page=page)

    def _import_posts(self):
        total = sum(self.item_counts.values()) - self.item_counts["attachment"]
        items = (i for i in self.reader.items() if i.post_type != "attachment")
        for item in self.progress(items, total=total, desc="Posts", unit="item"):
            if item.post_type == "post":
                self._import_post(item)
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

    def _state_for(self, item):
        status = item.status
        if status in NOT_IMPORTED_STATUSES:
            return None
        if status in ("draft", "pending"):
            return DRAFT
        if status == "future" and item.date and item.date > timezone.now():
            return SCHEDULED
        if status == "private":
            return PRIVATE
        if status in ("publish", "future"):
            return PASSWORD if item.password else LIVE
        self.report.warn(
            f"post {item.wp_id}" if item.wp_id else describe(item, "without ID"),
            f"unknown status {status!r}; imported as a draft",
        )
        return DRAFT

    def _import_post(self, item):
        key = identity(item)
        if key is None:
            self.report.skip("articles", "no post ID, GUID or permalink to know it by")
            self.report.warn(
                describe(item, "without ID"),
                "not imported: it has no post ID, GUID or permalink, so a "
                "re-import could not find it again",
            )
        elif key in self.conflicts["post"]:
            # Counted and named once, by _report_conflicts.
            key = None
        if key is None:
            if item.comments:
                self.report.skip(
                    "comments", "on a post that is not imported", len(item.comments)
                )
            return
        where = self.posts[key].label
        state = self._state_for(item)
        if state is None:
            self.report.skip("articles", f"WordPress status {item.status!r}")
            if item.comments:
                self.report.skip(
                    "comments", "on a post that is not imported", len(item.comments)
                )
            return
        record = self.post_records[key]
        page = Page.objects.get(pk=record.page_id).specific
        conversion = ContentConverter(self, post_id=item.wp_id).convert(item.content)
        for warning in conversion.warnings:
            self.report.warn(where, warning)
        hero = None
        if item.thumbnail_id:
            hero = self.image_id(item.thumbnail_id)
            if hero is None:
                self.report.warn(
                    where,
                    f"featured image (attachment {item.thumbnail_id}) not imported",
                )
        standfirst = plain_text(item.excerpt)
        if len(standfirst) > 600:
            standfirst = standfirst[:599].rsplit(" ", 1)[0] + "…"
            self.report.warn(where, "excerpt shortened to fit the standfirst")
        author = self._author(self._login(item.creator)) if item.creator else None
        topics = self._topics_for(item)
        values = {
            "title": self._title(item.title, page.slug),
            "slug": page.slug,
            "standfirst": standfirst,
            "body": conversion.blocks,
            "hero_image": hero,
            "topics": sorted(topic.name for topic in topics),
            "authors": [author.pk] if author else [],
            "date": item.date,
            "modified": item.modified,
            "state": state,
            "password": item.password,
        }
        digest = fingerprint(values)
        self.report.statuses[state] += 1
        if record.fingerprint == digest and page.latest_revision_id:
            if state in (PRIVATE, PASSWORD):
                # Restrictions are not part of a revision: an earlier import's
                # (e.g. any logged-in user for a private post) is brought up
                # to date without touching the page.
                self._restrict(page, state, item.password)
            self.report.wrote("articles", "unchanged", page.pk)
        else:
            created = page.latest_revision_id is None
            self._apply(page, item, values, topics, author, state)
            self._save_post_record(
                key, guid=item.guid[:500], page=page, fingerprint=digest
            )
            self.report.wrote("articles", "created" if created else "updated", page.pk)
        self._redirects(page, item, where)
        self._comments(page, item, where, key)

    def _apply(self, page, item, values, topics, author, state):
        page.title = values["title"]
        page.standfirst = values["standfirst"]
        page.body = json.dumps(values["body"])
        page.hero_image_id = values["hero_image"]
        page.display_date = item.date
        page.topics.set(topics)
        page.article_authors = [ArticleAuthor(author=author)] if author else []
        if page.owner_id is None and author is not None and author.user_id:
            page.owner_id = author.user_id
        page.go_live_at = item.date if state == SCHEDULED else None
        if state in (LIVE, PRIVATE, PASSWORD) and page.first_published_at is None:
            page.first_published_at = item.date
        self._restrict(page, state, item.password)
        if state == DRAFT:
            page.clean()
            EditPageAction(page, clean=False).execute(skip_permission_checks=True)
            if page.live:
                page.unpublish()
            return
        self._publish(page)
        if state != SCHEDULED and item.date:
            Page.objects.filter(pk=page.pk).update(
                first_published_at=item.date,
                last_published_at=max(item.modified or item.date, item.date),
            )

    def _publish(self, page):
        # Checked here rather than by EditPageAction's full_clean: an embed's
        # validation fetches it from its provider, and an import must not
        # fail because a tweet was deleted years ago. Page.clean still checks
        # the slug, and computes the article's word count.
        page.clean()
        EditPageAction(page, publish=True, clean=False).execute(
            skip_permission_checks=True
        )

    def _restrict(self, page, state, password):
        restrictions = PageViewRestriction.objects.filter(page=page)
        if state == PASSWORD:
            restrictions.exclude(
                restriction_type=PageViewRestriction.PASSWORD, password=password
            ).delete()
            PageViewRestriction.objects.get_or_create(
                page=page,
                restriction_type=PageViewRestriction.PASSWORD,
                password=password,
            )
        elif state == PRIVATE:
            kind = PageViewRestriction.GROUPS
            restrictions.exclude(restriction_type=kind).delete()
            restriction, _created = PageViewRestriction.objects.get_or_create(
                page=page, restriction_type=kind
            )
            restriction.groups.set(self.private_groups())
        else:
            restrictions.delete()

    def private_groups(self):
        """
        The groups that may read a WordPress "private" post: Editors and
        Administrators, as in WordPress, where only editors and administrators
        read others' private posts. Never "any logged-in user": writers (and
        any other account) must not read them. A group missing here is
        created, empty, and the report says so; ``manage.py load_demo`` or
        ``blog.editorial.ensure_roles`` gives it its permissions.
        """
        if self._private_groups is None:
            self._private_groups = []
            for name in (EDITORS, ADMINISTRATORS):
                group, created = Group.objects.get_or_create(name=name)
                if created:
                    self.report.warn(
                        f"group {name}",
                        "did not exist; created without members, so that private "
                        "posts are readable by its members and superusers only",
                    )
                self._private_groups.append(group)
        return self._private_groups

    def _title(self, title, slug):
        text = plain_text(title)[:255]
        return text or slug.replace("-", " ").capitalize() or "Untitled"

    def _slug_for(self, ref):
        """The post's slug, else one made from its title, made free under the index."""
        base = slugify(unquote(ref.slug), allow_unicode=True) or slugify(
            plain_text(ref.title), allow_unicode=True
        )
        base = (base or (f"post-{ref.wp_id}" if ref.wp_id else "post"))[:240]
        free = self._free_slug(self.news, base)
        if free != base:
            where = f"post {ref.wp_id}" if ref.wp_id else ref.label
            self.report.warn(
                where, f"slug {base!r} is taken here; imported as {free!r}"
            )
        return free

    def _free_slug(self, parent, base):
        """``base``, or ``base-2``, ``base-3``... whichever no sibling has yet."""
        taken = self._taken_slugs.get(parent.pk)
        if taken is None:
            taken = set(parent.get_children().values_list("slug", flat=True))
            self._taken_slugs[parent.pk] = taken
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        return slug

    def _topics_for(self, item):
        topics = []
        for term in item.terms:
            if term.domain not in ("category", "post_tag"):
                continue
            if term.slug in IGNORED_TERMS:
                continue
            topic = self._topic(html_lib.unescape(term.name), term.slug)
            if topic is not None and topic not in topics:
                topics.append(topic)
        return topics

    def _topic(self, name, slug):
        name = plain_text(name)[:100]
        if not name:
            return None
        key = name.lower()
        if key in self._topics:
            return self._topics[key]
        topic = Topic.objects.filter(name__iexact=name).first()
        if topic is None:
            slug = slugify(unquote(slug), allow_unicode=True)[:100]
            if slug and Topic.objects.filter(slug=slug).exists():
                slug = ""  # TagBase.save finds a free one
            topic = Topic(name=name, slug=slug)
            topic.save()
            self.report.count("topics", "created")
        else:
            self.report.count("topics", "unchanged")
        self._topics[key] = topic
        return topic

    # Redirects from the old permalinks.

    def _redirects(self, page, item, where):
        page_path = page.relative_url(self.site) or ""
        old_paths = set()
        if item.link:
            parsed = urlparse(item.link)
            old_paths.add(parsed.path + (f"?{parsed.query}" if parsed.query else ""))
        if item.wp_id:
            old_paths.add(f"/?p={item.wp_id}")
        for old in sorted(old_paths):
            normalised = Redirect.normalise_path(old)
            if normalised in ("", "/") or normalised == Redirect.normalise_path(
                page_path
            ):
                continue
            existing = Redirect.objects.filter(
                old_path=normalised, site=self.site
            ).first()
            if existing is None:
                Redirect.objects.create(
                    old_path=normalised,
                    site=self.site,
                    redirect_page=page,
                    is_permanent=True,
                )
                self.report.count("redirects", "created")
            elif existing.redirect_page_id == page.pk:
                self.report.count("redirects", "unchanged")
            else:
                self.report.skip(
                    "redirects", "the old path already redirects elsewhere"
                )
                self.report.warn(
                    f"post {item.wp_id}" if item.wp_id else where,
                    f"{normalised} already redirects elsewhere; left alone",
                )

    # Comments.

    def _comments(self, page, item, where, post_key):
        imported = {}
        pending_parents = []
        for position, comment in enumerate(item.comments, start=1):
            key = comment_identity(post_key, comment, position)
            if comment.type in ("pingback", "trackback"):
                self.report.skip(
                    "comments", "pingbacks and trackbacks are not reader comments"
                )
                continue
            status = COMMENT_STATUS.get(comment.approved)
            if status is None:
                self.report.warn(
                    where,
                    f"comment {comment.wp_id} has status {comment.approved!r}; held for moderation",
                )
                status = ReaderComment.Status.PENDING
            values = {
                "name": plain_text(comment.author)[:100] or "Anonymous",
                "email": comment.email[:254],
                "website": comment.url[:200]
                if comment.url.startswith(("http://", "https://"))
                else "",
                "body": self._comment_text(comment.content)[:5000],
                "status": status,
                "created_at": comment.date or item.date or timezone.now(),
                "ip_address": self._ip(comment.ip),
                "parent": comment.parent,
            }
            digest = fingerprint(values)
            record = self._record(WordPressRecord.Kind.COMMENT, key)
            existing = record.comment if record and record.comment_id else None
            if existing is not None and record.fingerprint == digest:
                imported[comment.wp_id] = existing
                self.report.wrote("comments", "unchanged", existing.pk)
                continue
            parent_id = values.pop("parent")
            reader_comment = existing or ReaderComment(article=page)
            for name, value in values.items():
                setattr(reader_comment, name, value)
            reader_comment.article = page
            reader_comment.save()
            imported[comment.wp_id] = reader_comment
            if parent_id:
                pending_parents.append((reader_comment, parent_id))
            elif reader_comment.parent_id:
                reader_comment.parent = None
                reader_comment.save(update_fields=["parent"])
            self._save_record(
                WordPressRecord.Kind.COMMENT,
                key,
                comment=reader_comment,
                fingerprint=digest,
            )
            self.report.wrote(
                "comments",
                "created" if existing is None else "updated",
                reader_comment.pk,
            )
        for reader_comment, parent_id in pending_parents:
            parent = imported.get(parent_id)
            if parent is None:
                self.report.warn(
                    where,
                    f"comment {reader_comment.pk} replies to comment {parent_id}, "
                    "which was not imported; shown as a top-level comment",
                )
            if reader_comment.parent_id != getattr(parent, "pk", None):
                reader_comment.parent = parent
                reader_comment.save(update_fields=["parent"])

    def _comment_text(self, content):
        """A comment as plain text, keeping its paragraph breaks."""
        content = re.sub(r"(?i)<br\s*/?>", "\n", content)
        content = re.sub(r"(?i)</p\s*>", "\n\n", content)
        text = html_lib.unescape(BeautifulSoup(content, "html.parser").get_text())
        paragraphs = [" ".join(p.split()) for p in re.split(r"\n\s*\n", text)]
        return "\n\n".join(p for p in paragraphs if p)

    def _ip(self, value):
        try:
            return str(ipaddress.ip_address(value.strip()))
        except ValueError:
            return None


def run_import(path, **options):
    """Run an import and return its ``Report``; see ``WordPressImporter``."""
    return WordPressImporter(path, **options).run()
