"""
The JSON values of the body blocks that carry structure of their own:
tables as rows of typed cells, galleries with renditions, documents with
their size and type (never a private one).
"""

from django.db.models import Q, prefetch_related_objects
from wagtail.models import Collection, CollectionViewRestriction

from blog.blocks import document_size

from .images import image_document
from .links import absolute

# Handsontable marks alignment with these class names on a cell.
ALIGNMENTS = {
    "htLeft": "left",
    "htCenter": "center",
    "htRight": "right",
    "htJustify": "justify",
}


def _alignment(class_name):
    for name in (class_name or "").split():
        if name in ALIGNMENTS:
            return ALIGNMENTS[name]
    return None


def table_value(value):
    """
    A ``NewsTableBlock`` value as a caption, header flags and rows of cells.

    Each cell says whether it is a header, how it is aligned (or null) and
    what it spans; cells covered by a merged cell are left out, as HTML
    leaves them out.
    """
    value = value or {}
    header_row = bool(value.get("first_row_is_table_header"))
    header_column = bool(value.get("first_col_is_header"))
    aligned = {
        (meta.get("row"), meta.get("col")): _alignment(meta.get("className"))
        for meta in value.get("cell") or []
    }
    merged = {
        (meta.get("row"), meta.get("col")): meta
        for meta in value.get("mergedCells") or []
    }
    covered = {
        (row, col)
        for (top, left), meta in merged.items()
        for row in range(top, top + meta.get("rowspan", 1))
        for col in range(left, left + meta.get("colspan", 1))
        if (row, col) != (top, left)
    }
    rows = []
    for row_index, row in enumerate(value.get("data") or []):
        cells = []
        for col_index, text in enumerate(row or []):
            if (row_index, col_index) in covered:
                continue
            span = merged.get((row_index, col_index), {})
            cells.append(
                {
                    "text": "" if text is None else str(text).strip(),
                    "header": (header_row and row_index == 0)
                    or (header_column and col_index == 0),
                    "align": aligned.get((row_index, col_index)),
                    "colspan": span.get("colspan", 1),
                    "rowspan": span.get("rowspan", 1),
                }
            )
        rows.append(cells)
    return {
        "caption": value.get("table_caption") or "",
        "header_row": header_row,
        "header_column": header_column,
        "rows": rows,
    }


def gallery_value(value, request=None):
    """A gallery's images in order, their renditions fetched in one query."""
    items = [item for item in value["images"] if item["image"] is not None]
    prefetch_related_objects([item["image"] for item in items], "renditions")
    images = []
    for item in items:
        image = item["image"]
        caption = item["caption"] or image.caption
        images.append(
            {
                "image": image_document(image, caption=caption, request=request),
                "caption": caption,
                "credit": item["credit"] or image.credit,
            }
        )
    return {"title": value["title"], "images": images}


class DocumentAccess:
    """
    Which documents the public may be given: none in a collection that is
    (or sits under one that is) restricted, as Wagtail's document view
    refuses them. Worked out once per rendering, in two queries.
    """

    def __init__(self):
        self._private = None

    def private_collections(self):
        if self._private is None:
            paths = Collection.objects.filter(
                pk__in=CollectionViewRestriction.objects.values("collection_id")
            ).values_list("path", flat=True)
            under = Q()
            for path in paths:
                under |= Q(path__startswith=path)
            self._private = (
                set(Collection.objects.filter(under).values_list("pk", flat=True))
                if under
                else set()
            )
        return self._private

    def is_public(self, document):
        return (
            document is not None
            and document.collection_id not in self.private_collections()
        )


def document_value(value, access, request=None):
    """A document block's file as readers get it, or null when it is private or gone."""
    document = value["document"]
    if not access.is_public(document):
        return {"title": value["title"], "document": None}
    return {
        "title": value["title"] or document.title,
        "document": {
            "id": document.pk,
            "title": document.title,
            "url": absolute(document.url, request),
            "filename": document.filename,
            "extension": document.file_extension.lower(),
            "content_type": document.content_type,
            "size": document_size(document),
        },
    }


def media_value(value, access, request=None):
    """
    An audio or video block: its file (null when private or gone), poster
    renditions, duration in seconds and transcript (rich text, expanded by
    the caller).
    """
    file = value["file"]
    public = access.is_public(file)
    return {
        "kind": value["kind"],
        "title": value["title"],
        "duration": value["duration"],
        "file": None
        if not public
        else {
            "url": absolute(file.url, request),
            "content_type": file.content_type,
            "size": document_size(file),
        },
        "poster": image_document(value["poster"], request=request),
    }
