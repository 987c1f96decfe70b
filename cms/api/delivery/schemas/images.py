from ninja import Schema


class FocalPointSchema(Schema):
    """The part of the image that must stay in view when it is cropped."""

    x: int
    y: int
    width: int
    height: int


class OriginalImageSchema(Schema):
    """The uploaded file, full size."""

    url: str
    width: int
    height: int


class RenditionSchema(Schema):
    """One resized copy of an image."""

    width: int
    height: int
    format: str
    url: str


class ImageSchema(Schema):
    """A news image with its caption, credit, alt text and responsive renditions."""

    id: int
    title: str
    alt: str
    caption: str
    credit: str
    width: int
    height: int
    focal_point: FocalPointSchema | None
    original: OriginalImageSchema
    renditions: list[RenditionSchema]
    srcset: str
    srcset_webp: str
