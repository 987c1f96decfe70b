"""
Posts: each WordPress post becomes an ``ArticlePage`` under the article
index, in the state its status asks for (live, draft, scheduled, private to
Editors and Administrators, or behind its password), with its dates, byline,
topics (categories and tags), hero image and converted body. Publishing goes
through Wagtail's own actions, so revisions, the event log and webhooks
follow. Each post's redirects and comments are handed to their importers.
"""

import html as html_lib
import json
from dataclasses import dataclass
from urllib.parse import unquote

from django.contrib.auth.models import Group
from django.utils import timezone
from django.utils.text import slugify
from wagtail.actions.edit_page import EditPageAction
from wagtail.models import Page, PageViewRestriction

from blog.editorial import ADMINISTRATORS, EDITORS
from blog.models import ArticleAuthor, ArticlePage, Topic, WordPressRecord

from .content import ContentConverter, plain_text
from .records import describe, fingerprint, identity

# WordPress term slugs for "no category": filing every post under it says nothing.
IGNORED_TERMS = {"uncategorized"}

# Trashed posts, WordPress's unsaved auto-drafts and revision copies.
NOT_IMPORTED_STATUSES = {"trash", "auto-draft", "inherit"}

# What an article becomes, by WordPress status.
LIVE, DRAFT, SCHEDULED, PRIVATE, PASSWORD = (
    "live",
    "draft",
    "scheduled",
    "private",
    "password",
)


@dataclass
class PostRef:
    """What the scan keeps of a post: enough to resolve links to it and name it."""

    slug: str
    link: str
    title: str
    status: str
    guid: str
    wp_id: int
    label: str


class PostImporter:
    """
    The articles of one export. ``posts`` are the scan's ``PostRef``s by
    identity key (conflicting keys left out, and listed in ``conflicts``);
    ``post_records`` the records found for them, ``post_pages`` their pages,
    both filled in as pages are made.
    """

    def __init__(
        self,
        *,
        posts,
        post_records,
        post_pages,
        conflicts,
        records,
        destination,
        resolver,
        authors,
        comments,
        redirects,
        report,
    ):
        self.posts = posts
        self.post_records = post_records
        self.post_pages = post_pages
        self.conflicts = conflicts
        self.records = records
        self.destination = destination
        self.resolver = resolver
        self.authors = authors
        self.comments = comments
        self.redirects = redirects
        self.report = report
        self._topics = {}
        self._private_groups = None

    def create_placeholders(self):
        """
        Give every new post its page before any body is converted, so links
        between posts resolve whatever their order in the file. The page
        gets its content, and its first revision, in the next pass.
        """
        for key, ref in self.posts.items():
            if key in self.post_pages or ref.status in NOT_IMPORTED_STATUSES:
                continue
            slug = self._slug_for(ref)
            page = ArticlePage(
                title=self._title(ref.title, slug), slug=slug, live=False
            )
            self.destination.news.add_child(instance=page)
            self.post_pages[key] = page.pk
            self._save_record(key, guid=ref.guid[:500], page=page)

    def import_post(self, item):
        """One ``<item>`` of type post: its article, then its redirects and comments."""
        key = identity(item)
        if key is None:
            self.report.skip("articles", "no post ID, GUID or permalink to know it by")
            self.report.warn(
                describe(item, "without ID"),
                "not imported: it has no post ID, GUID or permalink, so a "
                "re-import could not find it again",
            )
        elif key in self.conflicts:
            # Counted and named once, by the importer's conflict report.
            key = None
        if key is None:
            if item.comments:
                self.report.skip(
                    "comments", "on a post that is not imported", len(item.comments)
                )
            return
        where = self.posts[key].label
        state = self._state_for(item)
        if state is None:
            self.report.skip("articles", f"WordPress status {item.status!r}")
            if item.comments:
                self.report.skip(
                    "comments", "on a post that is not imported", len(item.comments)
                )
            return
        record = self.post_records[key]
        page = Page.objects.get(pk=record.page_id).specific
        conversion = ContentConverter(self.resolver, post_id=item.wp_id).convert(
            item.content
        )
        for warning in conversion.warnings:
            self.report.warn(where, warning)
        self.report.files.update(conversion.files)
        hero = None
        if item.thumbnail_id:
            hero = self.resolver.image_id(item.thumbnail_id)
            if hero is None:
                self.report.warn(
                    where,
                    f"featured image (attachment {item.thumbnail_id}) not imported",
                )
        standfirst = plain_text(item.excerpt)
        if len(standfirst) > 600:
            standfirst = standfirst[:599].rsplit(" ", 1)[0] + "…"
            self.report.warn(where, "excerpt shortened to fit the standfirst")
        author = (
            self.authors.page_for(self.authors.login_of(item.creator))
            if item.creator
            else None
        )
        topics = self._topics_for(item)
        values = {
            "title": self._title(item.title, page.slug),
            "slug": page.slug,
            "standfirst": standfirst,
            "body": conversion.blocks,
            "hero_image": hero,
            "topics": sorted(topic.name for topic in topics),
            "authors": [author.pk] if author else [],
            "date": item.date,
            "modified": item.modified,
            "state": state,
            "password": item.password,
        }
        digest = fingerprint(values)
        self.report.statuses[state] += 1
        if record.fingerprint == digest and page.latest_revision_id:
            if state in (PRIVATE, PASSWORD):
                # Restrictions are not part of a revision: an earlier import's
                # (e.g. any logged-in user for a private post) is brought up
                # to date without touching the page.
                self._restrict(page, state, item.password)
            self.report.wrote("articles", "unchanged", page.pk)
        else:
            created = page.latest_revision_id is None
            self._apply(page, item, values, topics, author, state)
            self._save_record(key, guid=item.guid[:500], page=page, fingerprint=digest)
            self.report.wrote("articles", "created" if created else "updated", page.pk)
        self.redirects.import_for(page, item, where)
        self.comments.import_for(page, item, where, key)

    def _save_record(self, key, **fields):
        self.post_records[key] = self.records.save(
            WordPressRecord.Kind.POST, key, record=self.post_records.get(key), **fields
        )

    def _state_for(self, item):
        status = item.status
        if status in NOT_IMPORTED_STATUSES:
            return None
        if status in ("draft", "pending"):
            return DRAFT
        if status == "future" and item.date and item.date > timezone.now():
            return SCHEDULED
        if status == "private":
            return PRIVATE
        if status in ("publish", "future"):
            return PASSWORD if item.password else LIVE
        self.report.warn(
            f"post {item.wp_id}" if item.wp_id else describe(item, "without ID"),
            f"unknown status {status!r}; imported as a draft",
        )
        return DRAFT

    def _apply(self, page, item, values, topics, author, state):
        page.title = values["title"]
        page.standfirst = values["standfirst"]
        page.body = json.dumps(values["body"])
        page.hero_image_id = values["hero_image"]
        page.display_date = item.date
        page.topics.set(topics)
        page.article_authors = [ArticleAuthor(author=author)] if author else []
        if page.owner_id is None and author is not None and author.user_id:
            page.owner_id = author.user_id
        page.go_live_at = item.date if state == SCHEDULED else None
        if state in (LIVE, PRIVATE, PASSWORD) and page.first_published_at is None:
            page.first_published_at = item.date
        self._restrict(page, state, item.password)
        if state == DRAFT:
            page.clean()
            EditPageAction(page, clean=False).execute(skip_permission_checks=True)
            if page.live:
                page.unpublish()
            return
        self.destination.publish(page)
        if state != SCHEDULED and item.date:
            Page.objects.filter(pk=page.pk).update(
                first_published_at=item.date,
                last_published_at=max(item.modified or item.date, item.date),
            )

    def _restrict(self, page, state, password):
        restrictions = PageViewRestriction.objects.filter(page=page)
        if state == PASSWORD:
            restrictions.exclude(
                restriction_type=PageViewRestriction.PASSWORD, password=password
            ).delete()
            PageViewRestriction.objects.get_or_create(
                page=page,
                restriction_type=PageViewRestriction.PASSWORD,
                password=password,
            )
        elif state == PRIVATE:
            kind = PageViewRestriction.GROUPS
            restrictions.exclude(restriction_type=kind).delete()
            restriction, _created = PageViewRestriction.objects.get_or_create(
                page=page, restriction_type=kind
            )
            restriction.groups.set(self.private_groups())
        else:
            restrictions.delete()

    def private_groups(self):
        """
        The groups that may read a WordPress "private" post: Editors and
        Administrators, as in WordPress, where only editors and administrators
        read others' private posts. Never "any logged-in user": writers (and
        any other account) must not read them. A group missing here is
        created, empty, and the report says so; ``manage.py load_demo`` or
        ``blog.editorial.ensure_roles`` gives it its permissions.
        """
        if self._private_groups is None:
            self._private_groups = []
            for name in (EDITORS, ADMINISTRATORS):
                group, created = Group.objects.get_or_create(name=name)
                if created:
                    self.report.warn(
                        f"group {name}",
                        "did not exist; created without members, so that private "
                        "posts are readable by its members and superusers only",
                    )
                self._private_groups.append(group)
        return self._private_groups

    def _title(self, title, slug):
        text = plain_text(title)[:255]
        return text or slug.replace("-", " ").capitalize() or "Untitled"

    def _slug_for(self, ref):
        """The post's slug, else one made from its title, made free under the index."""
        base = slugify(unquote(ref.slug), allow_unicode=True) or slugify(
            plain_text(ref.title), allow_unicode=True
        )
        base = (base or (f"post-{ref.wp_id}" if ref.wp_id else "post"))[:240]
        free = self.destination.free_slug(self.destination.news, base)
        if free != base:
            where = f"post {ref.wp_id}" if ref.wp_id else ref.label
            self.report.warn(
                where, f"slug {base!r} is taken here; imported as {free!r}"
            )
        return free

    def _topics_for(self, item):
        topics = []
        for term in item.terms:
            if term.domain not in ("category", "post_tag"):
                continue
            if term.slug in IGNORED_TERMS:
                continue
            topic = self._topic(html_lib.unescape(term.name), term.slug)
            if topic is not None and topic not in topics:
                topics.append(topic)
        return topics

    def _topic(self, name, slug):
        name = plain_text(name)[:100]
        if not name:
            return None
        key = name.lower()
        if key in self._topics:
            return self._topics[key]
        topic = Topic.objects.filter(name__iexact=name).first()
        if topic is None:
            slug = slugify(unquote(slug), allow_unicode=True)[:100]
            if slug and Topic.objects.filter(slug=slug).exists():
                slug = ""  # TagBase.save finds a free one
            topic = Topic(name=name, slug=slug)
            topic.save()
            self.report.count("topics", "created")
        else:
            self.report.count("topics", "unchanged")
        self._topics[key] = topic
        return topic
