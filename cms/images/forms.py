from wagtail.images.forms import BaseImageForm

from .fields import VerifiedImageField


class NewsImageForm(BaseImageForm):
    """The image form used by the admin and the API, with a verifying upload field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        original = self.fields.get("file")
        if original is not None:
            # Built per form, not at import, so upload limits follow the settings.
            verified = VerifiedImageField(
                label=original.label, required=original.required
            )
            verified.widget.attrs.update(original.widget.attrs)
            self.fields["file"] = verified
