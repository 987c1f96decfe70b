"""
Where an export's files are found: in ``--media-dir``, a local copy of
``wp-content/uploads``, never on the web. Images and documents look for
their files the same way.
"""

from pathlib import Path
from urllib.parse import unquote, urlparse


def find_local_file(media_dir, url, attached_file=""):
    """
    The file in ``media_dir`` that ``url`` (or WordPress's ``attached_file``
    path) names, or None.

    Tried in turn: the attachment's own path, the path under
    ``/wp-content/uploads/``, the whole URL path, the bare file name. The
    last two also find files of other hosts (a CDN, a file host) that the
    operator downloaded into the folder. A path that leads out of the
    folder is never followed, whatever a hostile export says.
    """
    if media_dir is None:
        return None
    url_path = unquote(urlparse(url or "").path)
    candidates = [attached_file]
    if "/wp-content/uploads/" in url_path:
        candidates.append(url_path.split("/wp-content/uploads/", 1)[1])
    candidates += [url_path.lstrip("/"), Path(url_path).name]
    for candidate in candidates:
        if not candidate:
            continue
        path = (media_dir / candidate).resolve()
        if path.is_relative_to(media_dir) and path.is_file():
            return path
    return None


def missing_reason(media_dir):
    """Why a file was not found, as the report says it."""
    if media_dir is None:
        return "no --media-dir given (remote files are not fetched)"
    return "file not found in --media-dir (remote files are not fetched)"
