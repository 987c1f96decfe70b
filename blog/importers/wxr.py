"""
A streaming reader for WordPress eXtended RSS (WXR 1.0 to 1.2) exports.

Exports of large newsrooms run to gigabytes, so the file is never loaded
whole: ``iterparse`` hands over one ``<item>`` at a time, which is turned
into a small dataclass and then cleared from the tree. The parser is
defusedxml's, which refuses entity declarations and external references
(the "billion laughs" and XXE attacks) that a hostile export could carry.

WXR versions differ in their namespace URIs (``http://wordpress.org/export/1.1/``,
``https://wordpress.org/export/1.2/``...), so elements are matched by a short
prefix derived from the URI rather than by the URI itself.
"""

import datetime
from dataclasses import dataclass, field
from xml.etree.ElementTree import ParseError

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse


class WXRError(Exception):
    """The file is not a readable WordPress export; the message says where and why."""

    def __init__(self, message, line=None):
        self.line = line
        super().__init__(f"line {line}: {message}" if line else message)


@dataclass
class Author:
    login: str
    email: str = ""
    display_name: str = ""
    first_name: str = ""
    last_name: str = ""
    description: str = ""


@dataclass
class Term:
    """A category or tag declared in the export's header."""

    domain: str  # "category" or "post_tag"
    slug: str
    name: str


@dataclass
class Comment:
    wp_id: int
    author: str = ""
    email: str = ""
    url: str = ""
    ip: str = ""
    date: datetime.datetime | None = None
    content: str = ""
    approved: str = "1"
    type: str = ""
    parent: int = 0


@dataclass
class Item:
    """One ``<item>``: a post, page, attachment, menu item or other post type."""

    wp_id: int
    post_type: str = ""
    status: str = ""
    title: str = ""
    link: str = ""
    guid: str = ""
    slug: str = ""
    creator: str = ""
    content: str = ""
    excerpt: str = ""
    date: datetime.datetime | None = None
    modified: datetime.datetime | None = None
    parent: int = 0
    password: str = ""
    attachment_url: str = ""
    terms: list[Term] = field(default_factory=list)
    meta: dict[str, str] = field(default_factory=dict)
    comments: list[Comment] = field(default_factory=list)

    @property
    def attached_file(self):
        return self.meta.get("_wp_attached_file", "")

    @property
    def thumbnail_id(self):
        value = self.meta.get("_thumbnail_id", "")
        return int(value) if value.isdigit() else None


@dataclass
class Header:
    """What the export's ``<channel>`` says about the site before its items."""

    wxr_version: str = ""
    title: str = ""
    base_blog_url: str = ""
    base_site_url: str = ""
    authors: list[Author] = field(default_factory=list)
    terms: list[Term] = field(default_factory=list)


def _prefix(uri):
    if "wordpress.org/export" in uri:
        return "excerpt" if "excerpt" in uri else "wp"
    if "purl.org/rss/1.0/modules/content" in uri:
        return "content"
    if "purl.org/dc/elements" in uri:
        return "dc"
    return uri


def _name(tag):
    """``{https://wordpress.org/export/1.2/}post_id`` -> ``wp:post_id``."""
    if tag.startswith("{"):
        uri, local = tag[1:].split("}", 1)
        return f"{_prefix(uri)}:{local}"
    return tag


def _children(element):
    return {_name(child.tag): (child.text or "") for child in element}


def _int(value):
    value = (value or "").strip()
    # isdigit() alone also admits "²" and other digits int() cannot read.
    return int(value) if value.isascii() and value.isdigit() else 0


def parse_date(gmt, local=""):
    """
    A WXR date as an aware UTC datetime.

    Drafts carry ``0000-00-00 00:00:00`` as their GMT date; the local date is
    then the best there is, read as UTC since the export does not say the
    site's time zone.
    """
    for value in (gmt, local):
        value = (value or "").strip()
        if not value or value.startswith("0000"):
            continue
        try:
            parsed = datetime.datetime.strptime(value, "%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
        return parsed.replace(tzinfo=datetime.UTC)
    return None


def _author(element):
    values = _children(element)
    return Author(
        login=values.get("wp:author_login", "").strip(),
        email=values.get("wp:author_email", "").strip(),
        display_name=values.get("wp:author_display_name", "").strip(),
        first_name=values.get("wp:author_first_name", "").strip(),
        last_name=values.get("wp:author_last_name", "").strip(),
        description=values.get("wp:author_description", "").strip(),
    )


def _term(element, kind):
    values = _children(element)
    if kind == "wp:category":
        return Term(
            "category",
            values.get("wp:category_nicename", "").strip(),
            values.get("wp:cat_name", "").strip(),
        )
    if kind == "wp:tag":
        return Term(
            "post_tag",
            values.get("wp:tag_slug", "").strip(),
            values.get("wp:tag_name", "").strip(),
        )
    return Term(
        values.get("wp:term_taxonomy", "").strip(),
        values.get("wp:term_slug", "").strip(),
        values.get("wp:term_name", "").strip(),
    )


def _comment(element):
    values = _children(element)
    return Comment(
        wp_id=_int(values.get("wp:comment_id")),
        author=values.get("wp:comment_author", "").strip(),
        email=values.get("wp:comment_author_email", "").strip(),
        url=values.get("wp:comment_author_url", "").strip(),
        ip=values.get("wp:comment_author_IP", "").strip(),
        date=parse_date(
            values.get("wp:comment_date_gmt"), values.get("wp:comment_date")
        ),
        content=values.get("wp:comment_content", ""),
        approved=values.get("wp:comment_approved", "1").strip(),
        type=values.get("wp:comment_type", "").strip(),
        parent=_int(values.get("wp:comment_parent")),
    )


def _item(element):
    values = {}
    terms, meta, comments = [], {}, []
    for child in element:
        name = _name(child.tag)
        if name == "category":
            terms.append(
                Term(
                    child.get("domain", ""),
                    child.get("nicename", ""),
                    (child.text or "").strip(),
                )
            )
        elif name == "wp:postmeta":
            pair = _children(child)
            meta[pair.get("wp:meta_key", "")] = pair.get("wp:meta_value", "")
        elif name == "wp:comment":
            comments.append(_comment(child))
        else:
            values[name] = child.text or ""
    return Item(
        wp_id=_int(values.get("wp:post_id")),
        post_type=values.get("wp:post_type", "").strip(),
        status=values.get("wp:status", "").strip(),
        title=values.get("title", "").strip(),
        link=values.get("link", "").strip(),
        guid=values.get("guid", "").strip(),
        slug=values.get("wp:post_name", "").strip(),
        creator=values.get("dc:creator", "").strip(),
        content=values.get("content:encoded", ""),
        excerpt=values.get("excerpt:encoded", ""),
        date=parse_date(values.get("wp:post_date_gmt"), values.get("wp:post_date")),
        modified=parse_date(
            values.get("wp:post_modified_gmt"), values.get("wp:post_modified")
        ),
        parent=_int(values.get("wp:post_parent")),
        password=values.get("wp:post_password", ""),
        attachment_url=values.get("wp:attachment_url", "").strip(),
        terms=terms,
        meta=meta,
        comments=comments,
    )


class WXRReader:
    """
    Read an export in one streaming pass: ``header`` fills in as the channel
    is read, and ``items()`` yields each item as soon as it is complete.

    Call ``items()`` again for another pass; each call reads the file anew.
    """

    HEADER_ELEMENTS = {"wp:author", "wp:category", "wp:tag", "wp:term"}

    def __init__(self, path):
        self.path = path
        self.header = Header()

    def items(self):
        self.header = Header()
        try:
            yield from self._items()
        except ParseError as error:
            line, column = getattr(error, "position", (None, None))
            reason = str(error).split(":")[0]
            raise WXRError(
                f"the file is not well-formed XML ({reason}, column {column})", line
            ) from error
        except DefusedXmlException as error:
            raise WXRError(
                f"the file declares XML entities or external references, which "
                f"are refused for safety ({error})"
            ) from error

    def _items(self):
        channel = None
        depth = 0
        for event, element in iterparse(self.path, events=("start", "end")):
            name = _name(element.tag)
            if event == "start":
                depth += 1
                if depth == 1 and name != "rss":
                    raise WXRError(
                        f"this is not a WordPress export: the document is <{name}>, "
                        "not <rss>"
                    )
                if depth == 2 and name == "channel":
                    channel = element
                continue
            depth -= 1
            if depth != 2 or channel is None:
                continue
            # A direct child of <channel> is complete.
            if name == "item":
                if not self.header.wxr_version:
                    raise WXRError(
                        "this is not a WordPress export: no <wp:wxr_version> "
                        "before the first item"
                    )
                yield _item(element)
            elif name in self.HEADER_ELEMENTS:
                if name == "wp:author":
                    self.header.authors.append(_author(element))
                else:
                    self.header.terms.append(_term(element, name))
            elif name == "wp:wxr_version":
                self.header.wxr_version = (element.text or "").strip()
            elif name == "wp:base_blog_url":
                self.header.base_blog_url = (element.text or "").strip()
            elif name == "wp:base_site_url":
                self.header.base_site_url = (element.text or "").strip()
            elif name == "title":
                self.header.title = (element.text or "").strip()
            # Keep memory flat: drop what has been read.
            channel.remove(element)
        if not self.header.wxr_version:
            raise WXRError("this is not a WordPress export: no <wp:wxr_version>")
