"""
Links: what a post body's links, images and embeds point to here, for the
content converter. Links to posts of the export become Wagtail page links,
images the imported ``NewsImage``s, and URLs the site's embed finders know
become embeds.
"""

from urllib.parse import urlparse

from wagtail.embeds.finders import get_finders

from .content import query_post_id
from .records import file_key, url_key


class LinkResolver:
    """
    The ``resolver`` a ``ContentConverter`` asks, from what the scan of the
    export found (its hosts, permalinks, attachment URLs and attachments by
    post) and what the import made of it: ``post_pages`` (post key to page
    id) and ``images`` (attachment key to image id), filled in as it goes.
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
    ):
        self.hosts = hosts
        self.permalinks = permalinks
        self.attachment_urls = attachment_urls
        self.attachments_by_parent = attachments_by_parent
        self.post_pages = post_pages
        self.images = images
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

    def attachments_of(self, post_id):
        """The identity keys of a post's attachments (``image_id`` takes them too)."""
        return self.attachments_by_parent.get(post_id, []) if post_id else []

    def embed_accepts(self, url):
        if self._finders is None:
            self._finders = get_finders()
        return any(finder.accept(url) for finder in self._finders)
