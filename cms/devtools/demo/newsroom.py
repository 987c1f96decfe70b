"""
The demo newsroom: users, authors, the seed article and articles in every
workflow state, built through the same Wagtail calls the editor uses
(revisions, workflow submission, approval), so what the demo shows is what
the product does.
"""

import datetime
import os
import secrets
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale
from wagtail.rich_text import RichText

from blog.editorial import (
    ADMINISTRATORS,
    EDITORS,
    WRITERS,
    ensure_review_workflow,
    ensure_roles,
    newsroom_sections,
)
from blog.models import (
    ArticleAuthor,
    ArticleCorrection,
    ArticlePage,
    AuthorLink,
    AuthorPage,
    CorrectionKind,
    ReaderComment,
    StandardPage,
)
from cms.devtools.site_tree import ensure_site_tree, point_site_at_base_url
from home.models import FrontendSettings

from .arabic import load_arabic_edition
from .images import ensure_image, landscape_jpeg, portrait_jpeg
from .seed import read_seed_article

DEMO_USERS = [
    # username, first, last, group, superuser
    ("writer", "Sofia", "Nawab", WRITERS, False),
    ("editor", "Daniel", "Okafor", EDITORS, False),
    ("admin", "Amira", "Saleh", ADMINISTRATORS, True),
]


@dataclass
class DemoReport:
    """What ``load_demo`` did, for the command to print."""

    new_passwords: dict[str, str] = field(default_factory=dict)
    created_pages: list[str] = field(default_factory=list)


def _paragraphs(*texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def ensure_users(report):
    User = get_user_model()
    users = {}
    for username, first, last, group_name, superuser in DEMO_USERS:
        user = User.objects.filter(username=username).first()
        if user is None:
            password = os.environ.get(
                f"DEMO_{username.upper()}_PASSWORD"
            ) or secrets.token_urlsafe(12)
            user = User.objects.create_user(
                username=username,
                password=password,
                email=f"{username}@newsroom.example",
                first_name=first,
                last_name=last,
                is_superuser=superuser,
                is_staff=superuser,
            )
            if not os.environ.get(f"DEMO_{username.upper()}_PASSWORD"):
                report.new_passwords[username] = password
        user.groups.add(Group.objects.get(name=group_name))
        users[username] = user
    return users


def ensure_author(
    index, *, slug, title, role, short_bio, bio, photo, user=None, links=()
):
    author = AuthorPage.objects.child_of(index).filter(slug=slug).first()
    if author:
        return author.specific
    author = AuthorPage(
        title=title,
        slug=slug,
        role=role,
        short_bio=short_bio,
        bio=bio,
        photo=photo,
        user=user,
    )
    author.links = [AuthorLink(platform=platform, url=url) for platform, url in links]
    index.add_child(instance=author)
    author.save_revision().publish()
    return author


def _new_article(
    index, *, slug, title, standfirst, body, authors, topics, owner, **fields
):
    article = ArticlePage(
        title=title,
        slug=slug,
        standfirst=standfirst,
        body=body,
        live=False,
        owner=owner,
        **fields,
    )
    article.topics.add(*topics)
    for author in authors:
        article.article_authors.add(ArticleAuthor(author=author))
    index.add_child(instance=article)
    return article


def news_article(slug):
    """The default edition's article with ``slug``, if the demo has it."""
    return ArticlePage.objects.filter(slug=slug, locale=Locale.get_default()).first()


def _submit(article, writer):
    article.save_revision(user=writer)
    article.get_workflow().start(article, writer)


def _act(article, user, action, comment=""):
    article.refresh_from_db()
    task_state = article.current_workflow_task_state
    task_state.task.specific.on_action(task_state, user, action, comment=comment)


# Where `make frontend` serves the example frontend's preview route.
DEMO_FRONTEND_PREVIEW_URL = "http://127.0.0.1:3000/preview"


@transaction.atomic
def load_demo_newsroom():
    report = DemoReport()
    tree = ensure_site_tree()
    point_site_at_base_url(tree.home.get_site())
    groups = ensure_roles(tree.home)
    ensure_review_workflow(groups[EDITORS], newsroom_sections(tree.home))
    users = ensure_users(report)
    writer, editor = users["writer"], users["editor"]

    seed = read_seed_article()
    sofia_photo = ensure_image(
        "Sofia Nawab",
        portrait_jpeg(),
        alt_text="Portrait of Sofia Nawab",
        credit="The Newsroom",
        filename="sofia-nawab.jpg",
    )
    sofia = ensure_author(
        tree.authors,
        slug="sofia-nawab",
        title=seed.author_name,
        role="Feature writer",
        short_bio="Feature writer known for in-depth profiles and human-interest stories.",
        bio=f"<p>{seed.author_bio}</p>",
        photo=sofia_photo,
        user=writer,
        links=[("x", "https://x.com/sofianawab")],
    )
    omar_photo = ensure_image(
        "Omar Haddad",
        portrait_jpeg(),
        alt_text="Portrait of Omar Haddad",
        credit="The Newsroom",
        filename="omar-haddad.jpg",
    )
    omar = ensure_author(
        tree.authors,
        slug="omar-haddad",
        title="Omar Haddad",
        role="Regional correspondent",
        short_bio="Covers diplomacy and security across the Gulf from Abu Dhabi.",
        bio="<p>Omar Haddad has reported from the Gulf for eight years, covering diplomacy, "
        "energy and security.</p>",
        photo=omar_photo,
    )
    hero = ensure_image(
        "Desert horizon at dusk",
        landscape_jpeg(),
        alt_text="A desert horizon at dusk",
        caption="The road north of Hama at dusk.",
        credit="The Newsroom / Staff",
        filename="desert-horizon.jpg",
    )

    news = tree.news
    if not ArticlePage.objects.filter(
        slug="syrian-regime-seeks-regional-support"
    ).exists():
        article = _new_article(
            news,
            slug="syrian-regime-seeks-regional-support",
            title=seed.title,
            standfirst=seed.standfirst,
            body=_paragraphs(*seed.paragraphs),
            authors=[sofia],
            topics=["Syria", "Iraq", "Iran", "UAE"],
            owner=writer,
            hero_image=hero,
            source_name=seed.source_name,
            source_url=f"https://{seed.source_name}/",
            display_date=datetime.datetime(2024, 12, 2, 8, 0, tzinfo=datetime.UTC),
        )
        _submit(article, writer)
        _act(article, editor, "approve", comment="Clean copy. Publishing.")
        ReaderComment.objects.create(
            article=article,
            name="Layla",
            email="layla@reader.example",
            body="A clear summary of a fast-moving story. Thank you.",
            status=ReaderComment.Status.APPROVED,
        )
        report.created_pages.append(f"{seed.title} (live)")

    if not ArticlePage.objects.filter(slug="gulf-states-weigh-normalisation").exists():
        article = _new_article(
            news,
            slug="gulf-states-weigh-normalisation",
            title="Gulf States Weigh the Cost of Normalisation with Damascus",
            standfirst="Abu Dhabi's outreach to Syria is testing a regional consensus.",
            body=[
                *_paragraphs(
                    "Diplomats in the Gulf say the calculation has changed since 2011.",
                    "Officials describe a slow process of re-engagement, measured in visits and "
                    "phone calls rather than treaties.",
                ),
                ("heading", {"text": "What has changed", "level": "h2"}),
                (
                    "pull_quote",
                    {
                        "quote": "Stability is the only currency that matters now.",
                        "attribution": "A Gulf diplomat",
                    },
                ),
                (
                    "callout",
                    {
                        "title": "Key facts",
                        "tone": "info",
                        "body": RichText(
                            "<ul><li>The Arab League readmitted Syria in 2023.</li></ul>"
                        ),
                    },
                ),
                (
                    "table",
                    {
                        "table_caption": "Ministerial visits to Damascus",
                        "table_header_choice": "row",
                        "first_row_is_table_header": True,
                        "first_col_is_header": False,
                        "data": [
                            ["Country", "2022", "2023"],
                            ["UAE", "2", "4"],
                            ["Oman", "1", "2"],
                        ],
                        "cell": [
                            {"row": row, "col": col, "className": "htRight"}
                            for row in (1, 2)
                            for col in (1, 2)
                        ],
                    },
                ),
                (
                    "details",
                    {
                        "question": "What does normalisation mean here?",
                        "answer": RichText(
                            "<p>Restoring embassies, flights and trade that were "
                            "suspended after 2011.</p>"
                        ),
                    },
                ),
            ],
            authors=[omar, sofia],
            topics=["UAE", "Syria"],
            owner=editor,
            hero_image=hero,
            corrections=[
                ArticleCorrection(
                    kind=CorrectionKind.CORRECTION,
                    text="An earlier version of this article gave the wrong year "
                    "for the Arab League's decision.",
                )
            ],
        )
        article.save_revision(user=editor).publish(user=editor)
        # An editor's later edit that is not yet published: live with pending changes.
        article.refresh_from_db()
        article.standfirst += " Neighbours are watching."
        article.save_revision(user=editor)
        report.created_pages.append(f"{article.title} (live, with unpublished changes)")

    if not ArticlePage.objects.filter(slug="aleppo-markets-reopen").exists():
        article = _new_article(
            news,
            slug="aleppo-markets-reopen",
            title="Aleppo's Old Markets Reopen, Cautiously",
            standfirst="Traders return to the souk as the front line moves.",
            body=_paragraphs("Shutters rose on Tuesday for the first time in weeks."),
            authors=[sofia],
            topics=["Syria"],
            owner=writer,
        )
        article.save_revision(user=writer)
        report.created_pages.append(f"{article.title} (draft)")

    if not ArticlePage.objects.filter(slug="hama-braces-for-offensive").exists():
        article = _new_article(
            news,
            slug="hama-braces-for-offensive",
            title="Hama Braces for an Offensive",
            standfirst="Residents stock up as opposition forces advance south.",
            body=_paragraphs("Queues formed outside bakeries before dawn."),
            authors=[sofia],
            topics=["Syria"],
            owner=writer,
        )
        _submit(article, writer)
        report.created_pages.append(f"{article.title} (in moderation)")

    if not ArticlePage.objects.filter(slug="baghdad-summit-preview").exists():
        article = _new_article(
            news,
            slug="baghdad-summit-preview",
            title="What to Expect from the Baghdad Summit",
            standfirst="Iraq hosts regional ministers next week.",
            body=_paragraphs("The agenda is crowded and expectations are low."),
            authors=[omar],
            topics=["Iraq", "Iran"],
            owner=writer,
            go_live_at=timezone.now() + datetime.timedelta(days=2),
        )
        _submit(article, writer)
        _act(article, editor, "approve", comment="Scheduled for the summit.")
        report.created_pages.append(f"{article.title} (scheduled)")

    if not ArticlePage.objects.filter(slug="tehran-responds").exists():
        article = _new_article(
            news,
            slug="tehran-responds",
            title="Tehran Responds",
            standfirst="Needs a second source.",
            body=_paragraphs("Iran's foreign ministry said little."),
            authors=[sofia],
            topics=["Iran"],
            owner=writer,
        )
        _submit(article, writer)
        _act(
            article,
            editor,
            "reject",
            comment="Please add a second source before we run this.",
        )
        report.created_pages.append(f"{article.title} (changes requested)")

    load_arabic_edition(
        report,
        writer=writer,
        editor=editor,
        sofia=sofia,
        seed=news_article("syrian-regime-seeks-regional-support"),
        gulf=news_article("gulf-states-weigh-normalisation"),
        hama=news_article("hama-braces-for-offensive"),
    )

    if not StandardPage.objects.filter(slug="corrections-policy").exists():
        policy = StandardPage(
            title="Corrections policy",
            slug="corrections-policy",
            intro="How we correct our mistakes, and where we list them.",
            body=[
                *_paragraphs(
                    "When we get something wrong we correct it promptly and say "
                    "so at the foot of the article. Every correction is listed "
                    'on our <a href="/corrections/">corrections page</a>.'
                ),
                (
                    "details",
                    {
                        "question": "How do I report an error?",
                        "answer": RichText(
                            "<p>Write to the standards editor, naming the article.</p>"
                        ),
                    },
                ),
            ],
            live=False,
            owner=editor,
        )
        tree.home.add_child(instance=policy)
        policy.save_revision(user=editor).publish(user=editor)
        report.created_pages.append(f"{policy.title} (live)")

    ensure_frontend_preview(tree.home.get_site())

    # Publishing above already rendered most documents; this catches the
    # rest (e.g. when the demo is loaded inside one transaction).
    call_command("rebuild_delivery_documents", verbosity=0)
    return report


def ensure_frontend_preview(site):
    """
    Point the editor's Frontend preview at the example frontend
    (``make frontend``), unless someone has set a preview URL already.
    Links in API responses keep pointing at the CMS: the base URL stays blank.
    """
    frontend = FrontendSettings.for_site(site)
    if not frontend.preview_url:
        frontend.preview_url = DEMO_FRONTEND_PREVIEW_URL
        frontend.save(update_fields=["preview_url"])
