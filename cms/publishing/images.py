"""The JSON form of a ``NewsImage``: metadata, focal point and responsive renditions."""

import os

from .links import absolute
from .reuse import reused

RENDITION_WIDTHS = (320, 640, 1024, 1600)
FORMAT_BY_EXTENSION = {
    ".jpg": "jpeg",
    ".jpeg": "jpeg",
    ".png": "png",
    ".gif": "gif",
    ".webp": "webp",
    ".avif": "avif",
}


def _format_of(file_name):
    return FORMAT_BY_EXTENSION.get(os.path.splitext(file_name)[1].lower(), "")


def _widths_for(image):
    """
    The rendition widths worth offering: never wider than the original, which
    Wagtail would not upscale anyway, and at least one.
    """
    widths = [width for width in RENDITION_WIDTHS if width < image.width]
    widths.append(min(image.width, RENDITION_WIDTHS[-1]))
    return sorted(set(widths))


def _srcset(renditions):
    return ", ".join(f"{item['url']} {item['width']}w" for item in renditions)


def image_document(image, *, caption=None, request=None):
    """
    ``image`` as a frontend needs it, or ``None``.

    ``caption`` overrides the image's own caption for this use (a hero or
    body image may carry its own). Renditions are created on first use and
    reused afterwards; Wagtail fetches them in bulk.
    """
    if image is None:
        return None
    host = request.get_host() if request else None
    return reused(
        "image", (image.pk, caption, host), lambda: _build(image, caption, request)
    )


def _build(image, caption, request):
    specs = {}
    for width in _widths_for(image):
        specs[f"width-{width}"] = "original"
        specs[f"width-{width}|format-webp"] = "webp"
    renditions = image.get_renditions(*specs)
    items = []
    for spec, rendition in renditions.items():
        items.append(
            {
                "width": rendition.width,
                "height": rendition.height,
                "format": _format_of(rendition.file.name),
                "url": absolute(rendition.url, request),
                "_kind": specs[spec],
            }
        )
    items.sort(key=lambda item: (item["_kind"] != "original", item["width"]))
    original_format = [item for item in items if item["_kind"] == "original"]
    webp = [item for item in items if item["_kind"] == "webp"]
    for item in items:
        del item["_kind"]
    focal_point = None
    if image.has_focal_point():
        focal_point = {
            "x": image.focal_point_x,
            "y": image.focal_point_y,
            "width": image.focal_point_width,
            "height": image.focal_point_height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": image.default_alt_text,
        "caption": caption or image.caption,
        "credit": image.credit,
        "width": image.width,
        "height": image.height,
        "focal_point": focal_point,
        "original": {
            "url": absolute(image.file.url, request),
            "width": image.width,
            "height": image.height,
        },
        "renditions": items,
        "srcset": _srcset(original_format),
        "srcset_webp": _srcset(webp),
    }
