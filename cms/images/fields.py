import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField

# Markup a browser would run if it ever sniffed the file as HTML. Each marker
# is long enough that compressed image data matches one by chance about once
# in 10^5 ten-megabyte uploads or fewer; shorter ones ("<svg") would not be.
MARKUP = re.compile(
    rb"<(?:script|iframe|object|embed)\b|<(?:html|body)[\s>]|<\?php|javascript:",
    re.IGNORECASE,
)
CHUNK = 64 * 1024


class VerifiedImageField(WagtailImageField):
    """
    Wagtail's image upload field, hardened against files that only look like images.

    Wagtail recognises a format from the first bytes of a file. A file with a
    JPEG or PNG signature and garbage after it passes that test and then
    fails inside Pillow while its size is read, which would surface as a
    server error. This field also verifies the encoded data before anything
    is stored, and turns every decoder failure into the usual "not a valid
    image" message.

    A valid image may still carry a script after its last frame or in a
    comment (a "polyglot"); served from the same origin with a sniffing
    browser, or opened as HTML, it would run. Such files are refused too.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.error_messages["image_with_markup"] = _(
            "This file contains HTML or script markup as well as an image, "
            "so it is not accepted. Export the image again from an image editor."
        )

    def check_image_pixel_size(self, f):
        try:
            super().check_image_pixel_size(f)
            self._verify_raster(f)
        except ValidationError:
            raise
        except (
            OSError,
            SyntaxError,
            ValueError,
            PILImage.UnidentifiedImageError,
        ) as exc:
            raise ValidationError(
                self.error_messages["invalid_image"], code="invalid_image"
            ) from exc

    def to_python(self, data):
        f = super().to_python(data)
        if f is not None:
            self._refuse_markup(f)
        return f

    def _refuse_markup(self, f):
        f.seek(0)
        tail = b""
        while chunk := f.read(CHUNK):
            # Keep a little of the previous chunk so a marker split across
            # two reads is still found.
            if MARKUP.search(tail + chunk):
                f.seek(0)
                raise ValidationError(
                    self.error_messages["image_with_markup"], code="image_with_markup"
                )
            tail = chunk[-16:]
        f.seek(0)

    @staticmethod
    def _verify_raster(f):
        if f.image.format_name == "svg":
            return
        f.seek(0)
        with PILImage.open(f) as image:
            image.verify()
        f.seek(0)
