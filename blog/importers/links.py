"""
Links: what a post body's links, images, files and embeds point to here,
for the content converter. Links to posts of the export become Wagtail page
links, images the imported ``NewsImage``s, audio, video and other files
Wagtail documents, and URLs the site's embed finders know become embeds.
"""

from urllib.parse import urlparse

from wagtail.embeds.finders import get_finders

from .content import query_post_id
from .documents import LinkedFile
from .records import file_key, url_key


class LinkResolver:
    """
    The ``resolver`` a ``ContentConverter`` asks, from what the scan of the
    export found (its hosts, permalinks, attachment URLs and attachments by
    post) and what the import made of it: ``post_pages`` (post key to page
    id) and ``images`` (attachment key to image id), filled in as it goes,
    and ``documents``, the ``DocumentImporter`` that holds the files.
    """

    def __init__(
        self,
        *,
        hosts,
        permalinks,
        attachment_urls,
        attachments_by_parent,
        post_pages,
        images,
        documents,
    ):
        self.hosts = hosts
        self.permalinks = permalinks
        self.attachment_urls = attachment_urls
        self.attachments_by_parent = attachments_by_parent
        self.post_pages = post_pages
        self.images = images
        self.documents = documents
        self._finders = None

    def page_id(self, url):
        parsed = urlparse(url.strip())
        if parsed.netloc and parsed.netloc.lower() not in self.hosts:
            return None
        if not parsed.netloc and not parsed.path.startswith("/") and not parsed.query:
            return None
        wp_id = query_post_id(url)
        key = None if wp_id is None else str(wp_id)
        if key is None:
            path_key = url_key(url)
            key = self.permalinks.get(path_key)
            if key is None and not parsed.netloc:
                for host in self.hosts:
                    key = self.permalinks.get(host + path_key)
                    if key:
                        break
        return self.post_pages.get(key)

    def image_id(self, wp_id, url=""):
        if wp_id is not None and str(wp_id) in self.images:
            return self.images[str(wp_id)]
        if url:
            attachment = self.attachment_urls.get(url_key(url))
            if attachment is None:
                attachment = self.attachment_urls.get(file_key(url))
            return self.images.get(attachment)
        return None

    def _attachment_key(self, url):
        return self.attachment_urls.get(url_key(url)) or self.attachment_urls.get(
            file_key(url)
        )

    def file(self, wp_id, url="", title=""):
        """
        The document for a file a body plays or links, as a ``LinkedFile``.

        The URL decides when there is one (WordPress keeps a block's
        attachment ID even after its file was replaced by another); the ID
        only when there is no URL. A URL that is no imported attachment is
        looked for in ``--media-dir``.
        """
        url = (url or "").strip()
        key = self._attachment_key(url) if url else None
        if key is None and not url and wp_id is not None:
            key = str(wp_id)
        found = self.documents.attachment(key) if key is not None else None
        if found is not None:
            return found
        if url:
            return self.documents.linked(url, title)
        return LinkedFile(
            None,
            missing=f"attachment {wp_id} was not imported"
            if wp_id is not None
            else "the block names no file",
        )

    def document_id(self, url):
        """
        The document a text link to an imported attachment's file becomes
        (a rich-text document link), or None. Only attachments: a link in
        text does not bring a file in that the export does not list.
        """
        key = self._attachment_key(url.strip())
        found = self.documents.attachment(key) if key is not None else None
        return found.document_id if found is not None else None

    def attachments_of(self, post_id):
        """The identity keys of a post's attachments (``image_id`` takes them too)."""
        return self.attachments_by_parent.get(post_id, []) if post_id else []

    def embed_accepts(self, url):
        if self._finders is None:
            self._finders = get_finders()
        return any(finder.accept(url) for finder in self._finders)
