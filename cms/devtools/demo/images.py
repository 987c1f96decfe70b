"""
Demo photographs drawn with Pillow, so the demo needs no downloads and the
renditions, captions and credits have something real to work on.
"""

import io

from django.core.files.images import ImageFile
from PIL import Image, ImageDraw

from cms.images.models import NewsImage


def _gradient(size, top, bottom):
    width, height = size
    image = Image.new("RGB", size, top)
    draw = ImageDraw.Draw(image)
    for y in range(height):
        ratio = y / max(1, height - 1)
        colour = tuple(
            int(a + (b - a) * ratio) for a, b in zip(top, bottom, strict=True)
        )
        draw.line([(0, y), (width, y)], fill=colour)
    return image, draw


def landscape_jpeg(size=(1600, 900)):
    """A desert horizon at dusk: sky, sun and dunes."""
    image, draw = _gradient(size, (42, 58, 110), (236, 160, 94))
    width, height = size
    draw.ellipse(
        [width * 0.62, height * 0.38, width * 0.74, height * 0.59], fill=(255, 214, 140)
    )
    draw.polygon(
        [
            (0, height),
            (0, height * 0.72),
            (width * 0.35, height * 0.62),
            (width * 0.7, height * 0.75),
            (width, height * 0.66),
            (width, height),
        ],
        fill=(120, 82, 50),
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def portrait_jpeg(size=(600, 600)):
    """A head-and-shoulders silhouette for an author photo."""
    image, draw = _gradient(size, (210, 220, 230), (160, 176, 196))
    width, height = size
    draw.ellipse(
        [width * 0.34, height * 0.18, width * 0.66, height * 0.52], fill=(86, 72, 66)
    )
    draw.ellipse(
        [width * 0.18, height * 0.56, width * 0.82, height * 1.2], fill=(48, 62, 92)
    )
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    return buffer.getvalue()


def ensure_image(title, data, *, alt_text, caption="", credit="", filename):
    image = NewsImage.objects.filter(title=title).first()
    if image:
        return image
    image = NewsImage(title=title, alt_text=alt_text, caption=caption, credit=credit)
    image.file = ImageFile(io.BytesIO(data), name=filename)
    image._set_image_file_metadata()
    image.save()
    return image
