"""
RSS 2.0, Atom 1.0 and JSON Feed 1.1 for the newsroom's articles.

Three scopes (every article, one author's, one topic's) in three formats,
e.g. ``/feeds/articles.rss``, ``/feeds/authors/<slug>.atom``,
``/feeds/topics/<slug>.json``. Each edition has its own feeds: a feed lists
the articles of the edition its URL names (``/ar/feeds/articles.rss`` the
Arabic ones, ``/feeds/articles.rss`` the default edition's). Items carry the standfirst, or the whole
body with ``?full=1``, the byline's names, the topics as categories and the
hero image as an enclosure. A corrected article is an updated entry: its
corrections and updates follow the content, and its updated date is the
newest of them when that is later than its last publication. RSS and Atom come from Django's syndication
framework; JSON Feed is built beside it from the same scope.
"""

import json
import mimetypes

from django.contrib.syndication.views import Feed
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed, Enclosure, Rss201rev2Feed
from django.utils.html import escape
from django.utils.translation import get_language, to_locale
from django.utils.translation import gettext as _
from wagtail.models import Locale, Site

from blog.models import ArticleIndexPage, ArticlePage, AuthorPage, Topic
from blog.models.expiry import unexpired

ITEMS_PER_FEED = 20
ENCLOSURE_FILTER = "width-1200"
FORMATS = {
    "rss": Rss201rev2Feed,
    "atom": Atom1Feed,
}
JSON_FEED_TYPE = "application/feed+json"


class FeedScope:
    """Which articles a feed lists, and how it names and links itself."""

    def __init__(self, request, kind, slug=None):
        self.request = request
        self.kind = kind
        self.slug = slug
        self.site_name = _site_name(request)
        self.locale = Locale.get_active()
        articles = ArticlePage.objects.readable().filter(locale=self.locale)
        if kind == "authors":
            author = get_object_or_404(
                AuthorPage.objects.live()
                .public()
                .filter(unexpired(), locale=self.locale),
                slug=slug,
            )
            self.title = _("%(site)s: articles by %(name)s") % {
                "site": self.site_name,
                "name": author.title,
            }
            self.link = author.get_full_url(request)
            self.description = author.short_bio or self.title
            articles = articles.by_author(author).distinct()
        elif kind == "topics":
            topic = get_object_or_404(Topic, slug=slug)
            name = topic.name_in(self.locale.pk)
            self.title = _("%(site)s: %(topic)s") % {
                "site": self.site_name,
                "topic": name,
            }
            self.link = _news_url(request, f"?topic={topic.slug}")
            self.description = _("Articles filed under %(topic)s.") % {"topic": name}
            articles = articles.filter(tagged_topics__tag=topic).distinct()
        else:
            self.title = _("%(site)s: latest articles") % {"site": self.site_name}
            self.link = _news_url(request)
            self.description = _("The latest articles from %(site)s.") % {
                "site": self.site_name
            }
        self.articles = (
            articles.newest_first()
            .with_listing_relations()
            .prefetch_related("corrections")[:ITEMS_PER_FEED]
        )
        self.full = request.GET.get("full") in {"1", "true", "yes"}

    def feed_url(self, fmt):
        if self.kind == "articles":
            path = reverse("blog_feed", args=[fmt])
        else:
            path = reverse(f"blog_feed_{self.kind}", args=[self.slug, fmt])
        return self.request.build_absolute_uri(path)


def _site_name(request):
    site = Site.find_for_request(request)
    return (site.site_name if site else "") or "The Newsroom"


def _news_url(request, query=""):
    """The site's first article index ("News"), where the feed's articles are listed."""
    site = Site.find_for_request(request)
    index = ArticleIndexPage.objects.live().public().filter(locale=Locale.get_active())
    if site is not None:
        index = index.descendant_of(site.root_page)
    index = index.order_by("path").first()
    return (
        index.get_full_url(request) if index else request.build_absolute_uri("/")
    ) + query


def author_names(article):
    return [author.title for author in article.authors if author.live]


def topic_names(article):
    """The article's topics as its edition names them."""
    return [link.tag.name_in(article.locale_id) for link in article.tagged_topics.all()]


def corrections_html(article):
    """The article's corrections log, as the foot of a feed entry shows it."""
    return "".join(
        f"<p><strong>{escape(entry.get_kind_display())}</strong> "
        f"({entry.made_at:%d %B %Y, %H:%M}): {escape(entry.text)}</p>"
        for entry in article.corrections_log
    )


def content_html(article, full):
    if full:
        content = str(article.body)
    else:
        content = f"<p>{escape(article.standfirst)}</p>" if article.standfirst else ""
    return content + corrections_html(article)


def updated_date(article):
    """The entry's updated date: its last publication, or a later correction."""
    dates = [
        date
        for date in (article.last_published_at, article.updated_at)
        if date is not None
    ]
    return max(dates) if dates else article.date


def hero_enclosure(article, request):
    """The hero image's feed rendition as (absolute URL, length, MIME type), or None."""
    if article.hero_image is None:
        return None
    rendition = article.hero_image.get_rendition(ENCLOSURE_FILTER)
    try:
        length = rendition.file.size
    except OSError:
        return None
    mime_type = mimetypes.guess_type(rendition.file.name)[0] or "image/jpeg"
    return request.build_absolute_uri(rendition.url), length, mime_type


class ArticleFeed(Feed):
    """The RSS and Atom flavours of an article feed scope."""

    def __init__(self, fmt):
        super().__init__()
        self.fmt = fmt
        self.feed_type = FORMATS[fmt]

    def get_object(self, request, kind="articles", slug=None):
        self.request = request
        return FeedScope(request, kind, slug)

    def title(self, scope):
        return scope.title

    def link(self, scope):
        return scope.link

    def description(self, scope):
        return scope.description

    def subtitle(self, scope):
        return scope.description

    def feed_url(self, scope):
        return scope.feed_url(self.fmt)

    def items(self, scope):
        self.scope = scope
        return scope.articles

    def item_title(self, article):
        return article.title

    def item_description(self, article):
        return content_html(article, self.scope.full)

    def item_link(self, article):
        return article.get_full_url(self.request)

    def item_guid(self, article):
        return article.get_full_url(self.request)

    def item_pubdate(self, article):
        return article.date

    def item_updateddate(self, article):
        return updated_date(article)

    def item_author_name(self, article):
        return ", ".join(author_names(article)) or None

    def item_categories(self, article):
        return topic_names(article)

    def item_enclosures(self, article):
        enclosure = hero_enclosure(article, self.request)
        if enclosure is None:
            return []
        url, length, mime_type = enclosure
        return [Enclosure(url, str(length), mime_type)]


def json_feed(scope):
    """A JSON Feed 1.1 document for ``scope``."""
    request = scope.request
    items = []
    for article in scope.articles:
        url = article.get_full_url(request)
        item = {
            "id": url,
            "url": url,
            "title": article.title,
            "summary": article.standfirst,
            "content_html": content_html(article, scope.full) or article.title,
            "date_published": article.date.isoformat() if article.date else None,
            "date_modified": updated_date(article).isoformat(),
            "authors": [{"name": name} for name in author_names(article)],
            "tags": topic_names(article),
        }
        enclosure = hero_enclosure(article, request)
        if enclosure:
            image_url, length, mime_type = enclosure
            item["image"] = image_url
            item["attachments"] = [
                {"url": image_url, "mime_type": mime_type, "size_in_bytes": length}
            ]
        items.append({key: value for key, value in item.items() if value})
    return {
        "version": "https://jsonfeed.org/version/1.1",
        "title": scope.title,
        "home_page_url": scope.link,
        "feed_url": scope.feed_url("json"),
        "description": scope.description,
        "language": to_locale(get_language()).replace("_", "-"),
        "items": items,
    }


def feed(request, fmt, kind="articles", slug=None):
    """Serve one scope in one format; unknown formats and scopes are 404."""
    if fmt == "json":
        document = json_feed(FeedScope(request, kind, slug))
        return HttpResponse(
            json.dumps(document, ensure_ascii=False),
            content_type=f"{JSON_FEED_TYPE}; charset=utf-8",
        )
    if fmt not in FORMATS:
        raise Http404
    return ArticleFeed(fmt)(request, kind=kind, slug=slug)
