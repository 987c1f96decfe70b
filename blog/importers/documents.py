"""
Audio, video and other files: Wagtail documents, read from ``--media-dir``
like images, which the body's ``media`` and ``document`` blocks point to.

They come in two ways:

- the export's attachments that are not images (a podcast's MP3, a video,
  a PDF), with the images;
- files that a post's audio, video or file block (or an ``[audio]`` /
  ``[video]`` shortcode) plays or links but that are not among the
  attachments (a PDF uploaded outside the media library, an image offered
  for download), when the post's body is converted. They are known by their
  URL from one import to the next.

Each file passes the check a document upload in the admin passes (Wagtail's
allowed extensions). A file that is already here unchanged is not written
again; files written by an import that is rolled back are removed.
"""

import logging
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.files import File
from wagtail.documents import get_document_model
from wagtail.utils.file import hash_filelike

from blog.models import WordPressRecord

from .content import plain_text
from .files import find_local_file, missing_reason
from .records import fingerprint, linked_file_key

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkedFile:
    """A file a body block points to: its document and title, or why there is none."""

    document_id: int | None
    title: str = ""
    missing: str = ""


class DocumentImporter:
    """
    The documents of one export. ``documents`` (attachment key to document
    id) holds the attachments imported as documents, by earlier imports and
    this one; ``linked`` answers for files found by URL only.
    """

    def __init__(self, *, media_dir, records, report, documents):
        self.media_dir = media_dir
        self.records = records
        self.report = report
        self.documents = documents
        self._titles = {}
        self._linked = {}
        self._new_files = []

    def import_attachment(self, item, key, where):
        """A non-image attachment as a document, or a reason in the report."""
        path = find_local_file(self.media_dir, item.attachment_url, item.attached_file)
        if path is None:
            self.report.skip("documents", missing_reason(self.media_dir))
            if self.media_dir is not None:
                self.report.warn(where, f"missing file for {item.attachment_url}")
            return
        title = plain_text(item.title)[:255] or path.stem
        document = self._write(
            WordPressRecord.Kind.ATTACHMENT, key, path, title, where, guid=item.guid
        )
        if document is not None:
            self.documents[key] = document.pk

    def title_of(self, document_id):
        if document_id not in self._titles:
            document = get_document_model().objects.filter(pk=document_id).first()
            self._titles[document_id] = document.title if document else ""
        return self._titles[document_id]

    def attachment(self, key):
        """The attachment ``key``'s document as a ``LinkedFile``, or None."""
        document_id = self.documents.get(key)
        if document_id is None:
            return None
        return LinkedFile(document_id, self.title_of(document_id))

    def linked(self, url, title=""):
        """
        The document for a file a body links by ``url`` and is not an
        imported attachment: found in ``--media-dir``, imported once per run.
        """
        key = linked_file_key(url)
        if key in self._linked:
            return self._linked[key]
        path = find_local_file(self.media_dir, url)
        if path is None:
            found = LinkedFile(None, missing=missing_reason(self.media_dir))
        else:
            document = self._write(
                WordPressRecord.Kind.FILE,
                key,
                path,
                plain_text(title)[:255] or path.stem,
                url,
                guid=url,
            )
            found = (
                LinkedFile(document.pk, document.title)
                if document is not None
                else LinkedFile(
                    None, missing="refused by the checks every upload passes"
                )
            )
        self._linked[key] = found
        return found

    def _write(self, kind, key, path, title, where, *, guid):
        """Create or update the document of record ``kind``/``key`` from ``path``."""
        with path.open("rb") as handle:
            file_hash = hash_filelike(handle)
        values = {"title": title, "file": file_hash}
        digest = fingerprint(values)
        record = self.records.get(kind, key)
        document = record.document if record and record.document_id else None
        if document is not None and record.fingerprint == digest:
            self._titles[document.pk] = document.title
            self.report.wrote("documents", "unchanged", document.pk)
            return document
        created = document is None
        document = document or get_document_model()()
        document.title = title
        if created or document.file_hash != file_hash:
            with path.open("rb") as handle:
                document.file = File(handle, name=path.name)
                refusal = self._refusal(document)
                if refusal:
                    self.report.skip(
                        "documents", "refused by the checks every upload passes"
                    )
                    self.report.warn(where, f"{path.name} refused: {refusal}")
                    return None
                document._set_document_file_metadata()
                document.save()
            self._new_files.append(document.file.name)
        else:
            document.save()
        self._titles[document.pk] = document.title
        self.records.save(
            kind, key, guid=guid[:500], document=document, fingerprint=digest
        )
        self.report.wrote("documents", "created" if created else "updated", document.pk)
        return document

    def _refusal(self, document):
        """Why an upload in the admin would refuse this file, or ""."""
        try:
            document.clean()
        except ValidationError as error:
            return " ".join(error.messages)
        return ""

    def remove_new_files(self):
        """Delete the files this import wrote (after a rollback)."""
        storage = get_document_model()._meta.get_field("file").storage
        for name in self._new_files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a rolled-back import", name)
