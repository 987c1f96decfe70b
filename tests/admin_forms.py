"""Form data for the Wagtail editor's page forms, as the browser would post it."""

from wagtail.test.utils.form_data import (
    inline_formset,
    nested_form_data,
    rich_text,
    streamfield,
)


def article_form_data(
    title, *, paragraphs=(), authors=(), slug=None, corrections=(), **fields
):
    """
    The article form as posted; ``topics`` is a list of Topic objects to
    tick, ``corrections`` a list of ``{"kind", "text", "made_at"}`` entries,
    ``blocks`` more body blocks as ``(type, form value)`` after the paragraphs.
    """
    topics = [topic.name for topic in fields.pop("topics", ())]
    data = {
        "title": title,
        "slug": slug or title.lower().replace(" ", "-"),
        "standfirst": fields.pop("standfirst", ""),
        "body": streamfield(
            [("paragraph", rich_text(f"<p>{text}</p>")) for text in paragraphs]
            + list(fields.pop("blocks", ()))
        ),
        "article_authors": inline_formset(
            [{"author": author.pk} for author in authors]
        ),
        "corrections": inline_formset(list(corrections)),
        "links": inline_formset([]),
        "comments": inline_formset([]),
        "source_name": fields.pop("source_name", ""),
        "source_url": fields.pop("source_url", ""),
        "hero_caption": "",
        "social_image": "",
        "canonical_url": "",
        **fields,
    }
    form = nested_form_data(data)
    if topics:
        form["topics"] = topics
    return form


def list_block(values):
    """A ListBlock's form value: ``values`` in order, none deleted."""
    data = {"count": len(values)}
    for index, value in enumerate(values):
        data[str(index)] = {"value": value, "deleted": "", "order": index, "id": ""}
    return data
