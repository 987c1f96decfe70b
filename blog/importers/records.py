"""
How an import knows a WordPress object again: identity keys (post ID, else
GUID, else permalink), fingerprints of what was written, and the
``WordPressRecord`` rows of earlier imports of the same site. Every part of
the import finds and saves its records here.
"""

import hashlib
import json
import re
from collections import defaultdict
from urllib.parse import unquote, urlparse

from blog.models import WordPressRecord

from .content import plain_text

# WordPressRecord.wp_id holds at most this many characters.
KEY_LENGTH = 100
_SIZE_SUFFIX = re.compile(r"-\d+x\d+(?=\.\w+$)")


def fingerprint(value):
    data = json.dumps(value, sort_keys=True, default=str, ensure_ascii=False)
    return hashlib.sha256(data.encode()).hexdigest()


def url_key(url):
    """A permalink without scheme, query and trailing slash, for matching links."""
    parsed = urlparse(url.strip())
    return f"{parsed.netloc.lower()}{parsed.path.rstrip('/')}"


def file_key(url):
    """An upload URL without scheme, query and WordPress's ``-300x200`` size suffix."""
    parsed = urlparse(url.strip())
    return f"{parsed.netloc.lower()}{_SIZE_SUFFIX.sub('', unquote(parsed.path))}"


def linked_file_key(url):
    """The key of a file a post links by URL only (not one of the attachments)."""
    return _bounded("url:", file_key(url))


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
        return _bounded("link:", url_key(item.link))
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


class Records:
    """
    The ``WordPressRecord`` rows of one WordPress site (the export's blog
    URL), loaded once per import, by kind and identity key.
    """

    def __init__(self, source):
        self.source = source
        self._rows = {
            (record.kind, record.wp_id): record
            for record in WordPressRecord.objects.filter(source=source)
        }

    def get(self, kind, key):
        return self._rows.get((kind, str(key)))

    def of_kind(self, kind):
        """``(key, record)`` for every record of ``kind``."""
        return [
            (key, record)
            for (record_kind, key), record in self._rows.items()
            if record_kind == kind
        ]

    def save(self, kind, key, record=None, **fields):
        """Set ``fields`` on the record of ``key`` (``record`` if given) and save it."""
        record = record or self.get(kind, key)
        if record is None:
            record = WordPressRecord(source=self.source, kind=kind, wp_id=str(key))
            self._rows[(kind, str(key))] = record
        for name, value in fields.items():
            setattr(record, name, value)
        record.save()
        return record

    def match_posts(self, posts):
        """
        The earlier import's record of each post in ``posts`` (identity key
        to ``PostRef``), by identity key.

        A record is found by its key first. Failing that, by the post's GUID,
        so that the same site's posts keep their pages between an export with
        post IDs and one without. Records that imports before post IDs were
        optional made for ID-less items (all under the key "0") are found
        this way too. A record goes to one post only.
        """
        kind = WordPressRecord.Kind.POST
        found, claimed = {}, set()
        for key in posts:
            record = self.get(kind, key)
            if record is not None:
                found[key] = record
                claimed.add(record.pk)
        by_guid = defaultdict(list)
        for _key, record in self.of_kind(kind):
            if record.guid and record.pk not in claimed:
                by_guid[record.guid].append(record)
        for key, ref in posts.items():
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
