from django.core.exceptions import ValidationError
from PIL import Image as PILImage
from wagtail.images.fields import WagtailImageField


class VerifiedImageField(WagtailImageField):
    """
    Wagtail's image upload field, hardened against files that only look like images.

    Wagtail recognises a format from the first bytes of a file. A file with a
    JPEG or PNG signature and garbage after it passes that test and then
    fails inside Pillow while its size is read, which would surface as a
    server error. This field also verifies the encoded data before anything
    is stored, and turns every decoder failure into the usual "not a valid
    image" message.
    """

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

    @staticmethod
    def _verify_raster(f):
        if f.image.format_name == "svg":
            return
        f.seek(0)
        with PILImage.open(f) as image:
            image.verify()
        f.seek(0)
