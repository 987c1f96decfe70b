"""
Comments: a post's WordPress comments become ``ReaderComment``s on its
article, with their status (approved, held, spam, rejected), dates and
threads; pingbacks and trackbacks are left out.
"""

import html as html_lib
import ipaddress
import re

from bs4 import BeautifulSoup
from django.utils import timezone

from blog.models import ReaderComment, WordPressRecord

from .content import plain_text
from .records import comment_identity, fingerprint

COMMENT_STATUS = {
    "1": ReaderComment.Status.APPROVED,
    "approve": ReaderComment.Status.APPROVED,
    "0": ReaderComment.Status.PENDING,
    "hold": ReaderComment.Status.PENDING,
    "spam": ReaderComment.Status.SPAM,
    "trash": ReaderComment.Status.REJECTED,
    "post-trashed": ReaderComment.Status.REJECTED,
}


class CommentImporter:
    """The reader comments of every imported post of one export."""

    def __init__(self, *, records, report):
        self.records = records
        self.report = report

    def import_for(self, page, item, where, post_key):
        """The comments of ``item``, now the article ``page``; ``where`` names it in warnings."""
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
            record = self.records.get(WordPressRecord.Kind.COMMENT, key)
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
            self.records.save(
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
