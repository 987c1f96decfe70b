"""
Media: image attachments become ``NewsImage``s, read from a local copy of
``wp-content/uploads`` (never fetched), each file passing the same checks as
an upload in the admin; the others (audio, video, PDFs...) are handed to the
``documents`` importer. Files written by an import that is rolled back are
removed again.
"""

import hashlib
import logging
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile

from blog.models import WordPressRecord
from cms.images.fields import VerifiedImageField
from cms.images.models import NewsImage

from .content import plain_text
from .files import find_local_file, missing_reason
from .records import fingerprint, identity

logger = logging.getLogger(__name__)

IMAGE_EXTENSIONS = {".jpg", ".jpeg", ".png", ".gif", ".webp"}


class MediaImporter:
    """
    The attachments of one export. ``images`` (attachment key to image id)
    is filled in as they are imported, for the post bodies' image blocks;
    ``documents`` imports the other files; ``conflicts`` holds the keys that
    several attachments claim, which are left out.
    """

    def __init__(
        self,
        *,
        reader,
        media_dir,
        records,
        report,
        images,
        documents,
        conflicts,
        total,
        progress,
    ):
        self.reader = reader
        self.media_dir = media_dir
        self.records = records
        self.report = report
        self.images = images
        self.documents = documents
        self.conflicts = conflicts
        self.total = total
        self.progress = progress
        self._new_files = []

    def import_all(self):
        """Every attachment of the export, as an image, a document or a reason in the report."""
        items = (i for i in self.reader.items() if i.post_type == "attachment")
        for item in self.progress(items, total=self.total, desc="Media", unit="file"):
            self._import_attachment(item)

    def _import_attachment(self, item):
        where = f"attachment {item.wp_id}" if item.wp_id else f"attachment {item.guid}"
        key = identity(item)
        if key is None:
            self.report.skip("images", "no attachment ID, GUID or URL to know it by")
            self.report.warn(where, "not imported: nothing identifies it")
            return
        if key in self.conflicts:
            return
        extension = Path(urlparse(item.attachment_url).path).suffix.lower()
        if extension not in IMAGE_EXTENSIONS:
            self.documents.import_attachment(item, key, where)
            return
        path = find_local_file(self.media_dir, item.attachment_url, item.attached_file)
        if path is None:
            self.report.skip("images", missing_reason(self.media_dir))
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
        record = self.records.get(WordPressRecord.Kind.ATTACHMENT, key)
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
        self.records.save(
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

    def remove_new_files(self):
        """Delete the image and document files this import wrote (after a rollback)."""
        self.documents.remove_new_files()
        storage = NewsImage._meta.get_field("file").storage
        for name in self._new_files:
            try:
                storage.delete(name)
            except OSError:
                logger.warning("Could not remove %s after a rolled-back import", name)
