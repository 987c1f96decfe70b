"""
A large, realistic newsroom for benchmarks: authors, topics, photographs and
thousands of live articles, each with a live revision, a search index entry
and its stored Delivery API document.

Publishing through ``add_child`` and ``revision.publish()`` costs tens of
queries per page (tree locking, signals, the event log, webhooks), which is
hours at 100,000 articles. Here the rows Wagtail would write are written in
batches instead: tree paths for a run of siblings are computed the way
treebeard computes them, pages and revisions are bulk-inserted, and the
search index and delivery documents are built from the saved pages with
Wagtail's own search backend and the Delivery API's own renderer. The result
is the tree, revisions and documents a publish would leave, so Wagtail's
admin lists the pages and ``Page.find_problems()`` finds nothing.

Memory stays flat: only one batch of pages is held at a time. Text is drawn
from a seeded generator, so the same size always yields the same newsroom.
Nothing here sends signals; the content event log, webhooks and the sync
feed's history are therefore not filled in for generated pages.
"""

import datetime
import random
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify
from wagtail.models import Locale, Page, Revision
from wagtail.search.backends import get_search_backend

from blog.models import ArticleAuthor, ArticlePage, AuthorPage, Topic
from blog.models.articles import ArticleTopic
from blog.text import count_words
from cms.devtools.demo.images import ensure_image, landscape_jpeg, portrait_jpeg
from cms.devtools.site_tree import ensure_site_tree
from cms.httpcache.caching import bump_generation
from cms.publishing.documents import refresh_pages, store_article
from cms.publishing.images import image_document
from cms.publishing.reuse import rendering_in_batch
from search.entries import missing_entry_ids, store_search_entries

DEFAULT_ARTICLES = 10_000
DEFAULT_AUTHORS = 200
DEFAULT_TOPICS = 50
DEFAULT_IMAGES = 6
BATCH_SIZE = 500
SEED = 2024
# Articles are dated over these years, so date filters and sort orders
# work on a realistic spread rather than one afternoon.
FIRST_YEAR = 2018
LAST_YEAR = 2025

TOPIC_NAMES = [
    "Syria", "Iraq", "Iran", "UAE", "Saudi Arabia", "Lebanon", "Jordan", "Egypt",
    "Turkey", "Israel", "Palestine", "Yemen", "Qatar", "Oman", "Kuwait", "Bahrain",
    "Libya", "Tunisia", "Morocco", "Algeria", "Sudan", "Kurdistan", "Gulf",
    "Elections", "Diplomacy", "Energy", "Oil", "Gas", "Water", "Climate",
    "Refugees", "Human rights", "Economy", "Trade", "Banking", "Technology",
    "Security", "Defence", "Militias", "Sanctions", "Health", "Education",
    "Culture", "Archaeology", "Football", "Media", "Religion", "Tourism",
    "Agriculture", "Reconstruction",
]  # fmt: skip

FIRST_NAMES = [
    "Sofia", "Daniel", "Amira", "Omar", "Layla", "Yusuf", "Nadia", "Karim",
    "Hana", "Tariq", "Rania", "Samir", "Leila", "Hassan", "Mira", "Elias",
    "Dina", "Faris", "Zeina", "Adam", "Salma", "Idris", "Noor", "Rami",
    "Yasmin", "Khalid", "Lina", "Bilal", "Maya", "Ziad",
]  # fmt: skip
LAST_NAMES = [
    "Nawab", "Okafor", "Saleh", "Haddad", "Khoury", "Mansour", "Aziz", "Rahman",
    "Farouk", "Nasser", "Habib", "Karam", "Sabbagh", "Daher", "Bitar", "Hakim",
    "Jaber", "Qasim", "Shams", "Tannous", "Younes", "Zein", "Masri", "Antoun",
]  # fmt: skip
ROLES = [
    "Reporter", "Senior correspondent", "Feature writer", "Regional editor",
    "Economics correspondent", "Diplomatic editor", "Photographer", "Analyst",
]  # fmt: skip

SUBJECTS = [
    "The foreign minister", "The opposition", "The central bank",
    "A Gulf mediator", "The UN refugee agency", "The ruling coalition",
    "The city council", "The energy minister", "The border authority",
    "The largest trade union", "A council of tribal elders",
    "The United Nations envoy", "A regional investment fund", "The army",
    "A coalition of civil society groups", "The state shipping company",
]  # fmt: skip
VERBS = [
    "weighs", "rejects", "backs", "questions", "prepares", "delays", "signs",
    "announces", "warns against", "pushes for", "negotiates", "suspends",
]  # fmt: skip
OBJECTS = [
    "a ceasefire plan", "new sanctions", "the reconstruction fund",
    "a water-sharing deal", "fuel subsidies", "the election timetable",
    "a prisoner exchange", "border crossings", "the pipeline project",
    "currency controls", "a regional summit", "refugee returns",
    "the port concession", "emergency aid", "the grain corridor",
]  # fmt: skip
PLACES = [
    "Damascus", "Baghdad", "Tehran", "Abu Dhabi", "Riyadh", "Beirut", "Amman",
    "Cairo", "Ankara", "Doha", "Muscat", "Aleppo", "Mosul", "Basra", "Erbil",
    "Sanaa", "Tripoli", "Tunis", "Khartoum", "Homs",
]  # fmt: skip
FILLER = (
    "government officials said talks would continue next week despite growing "
    "pressure from neighbouring states analysts expect markets to react "
    "cautiously while diplomats describe the mood as tense but constructive "
    "residents told reporters that prices had doubled since spring and that "
    "electricity remains unreliable in many districts the ministry promised "
    "an independent inquiry into the incident and pledged to publish its "
    "findings observers note that previous agreements collapsed within months "
    "because funding never arrived the proposal would require approval by "
    "parliament where the coalition holds a narrow majority humanitarian "
    "groups warned that winter would worsen conditions in the camps"
)
WORDS = FILLER.split()
# The Arabic edition's text: real words, with the letter variants (alef
# forms, taa marbuta) and a share of vowel marks that Arabic search folds.
ARABIC_FILLER = (
    "قال مسؤولون في الحكومة إن المحادثات ستستمر الأسبوع المقبل رغم الضغوط "
    "المتزايدة من الدول المجاورة ويتوقع المحللون أن تتفاعل الأسواق بحذر بينما "
    "يصف الدبلوماسيون الأجواء بأنها متوترة لكنها بنّاءة وأبلغ السكان الصحفيين أن "
    "الأسعار تضاعفت منذ الربيع وأن الكهرباء لا تزال غير منتظمة في أحياء كثيرة "
    "ووعدت الوزارة بإجراء تحقيق مستقل في الحادثة ونشر نتائجه ويلاحظ المراقبون "
    "أن اتفاقات سابقة انهارت خلال أشهر لأن التمويل لم يصل ويتطلب الاقتراح "
    "موافقة البرلمان حيث يملك الائتلاف أغلبية ضئيلة وحذّرت المنظمات الإنسانية "
    "من أن الشتاء سيزيد الأوضاع سوءاً في المخيمات"
)
ARABIC_WORDS = ARABIC_FILLER.split()
ARABIC_SUBJECTS = [
    "وزير الخارجية", "المعارضة", "البنك المركزي", "وسيط خليجي",
    "وكالة اللاجئين", "الائتلاف الحاكم", "مجلس المدينة", "وزير الطاقة",
]  # fmt: skip
ARABIC_VERBS = [
    "يدرس", "يرفض", "يدعم", "يؤجل", "يوقّع", "يعلن", "يحذّر من", "يفاوض على",
]  # fmt: skip
ARABIC_OBJECTS = [
    "خطة وقف إطلاق النار", "عقوبات جديدة", "صندوق إعادة الإعمار",
    "اتفاق تقاسم المياه", "دعم الوقود", "الجدول الزمني للانتخابات",
    "تبادل الأسرى", "المعابر الحدودية", "مشروع خط الأنابيب", "قمة إقليمية",
]  # fmt: skip
ARABIC_PLACES = [
    "دمشق", "بغداد", "طهران", "أبوظبي", "الرياض", "بيروت", "عمّان", "القاهرة",
    "أنقرة", "الدوحة", "مسقط", "حلب", "الموصل", "البصرة", "أربيل",
]  # fmt: skip
SOURCES = [
    ("www.jpost.com", "https://www.jpost.com/"),
    ("www.reuters.com", "https://www.reuters.com/"),
    ("apnews.com", "https://apnews.com/"),
    ("", ""),
]


@dataclass
class GenerateReport:
    """What a run found and did, for the command to print."""

    articles_before: int
    articles_created: int
    authors_created: int
    seconds: float
    translations_created: int = 0

    @property
    def reused(self):
        return not (
            self.articles_created or self.authors_created or self.translations_created
        )

    @property
    def articles_per_second(self):
        return self.articles_created / self.seconds if self.seconds else 0.0


def _sentence(rng, words=(12, 24)):
    chosen = [rng.choice(WORDS) for _ in range(rng.randint(*words))]
    return " ".join(chosen).capitalize() + "."


def _paragraph(rng):
    return " ".join(_sentence(rng) for _ in range(rng.randint(3, 6)))


def _headline(rng):
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"in {rng.choice(PLACES)}"
    )


class _Body:
    """
    An article body as StreamField JSON, and its word count.

    The word count is counted from the same text the blocks hold, as
    ``ArticlePage.clean`` would from ``get_searchable_content``, without
    loading the body's images once per page.
    """

    def __init__(self, rng, images):
        self.blocks = []
        self.words = 0
        sections = rng.randint(2, 4)
        for section in range(sections):
            if section:
                heading = _headline(rng).split(" in ")[0].capitalize()
                self._add(rng, "heading", {"text": heading, "level": "h2"}, heading)
            for _ in range(rng.randint(2, 4)):
                text = _paragraph(rng)
                self._add(rng, "paragraph", f"<p>{text}</p>", text)
            if section == 0:
                quote = _sentence(rng, (10, 18))
                who = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
                value = {"quote": quote, "attribution": who}
                self._add(rng, "pull_quote", value, f"{quote} {who}")
            if section == 1 and images:
                image = rng.choice(images)
                value = {"image": image.pk, "caption": "", "alignment": "full"}
                self._add(rng, "image", value, "")

    def _add(self, rng, block_type, value, text):
        block_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        self.blocks.append({"type": block_type, "value": value, "id": block_id})
        self.words += count_words(text)


def _ensure_images(count):
    """
    A few photographs reused by every article, each rendered once at every
    width the Delivery API offers, as an editor's upload would be.
    """
    images = []
    for number in range(1, count + 1):
        shade = number * 12
        image = ensure_image(
            f"Generated photo {number}",
            landscape_jpeg((1600 - shade, 900)),
            alt_text=f"A desert horizon at dusk, view {number}",
            caption=f"The horizon outside {PLACES[number % len(PLACES)]}.",
            credit="Newsroom photo desk",
            filename=f"generated-{number}.jpg",
        )
        image_document(image)
        images.append(image)
    portrait = ensure_image(
        "Generated author photo",
        portrait_jpeg(),
        alt_text="An author's portrait",
        credit="Newsroom photo desk",
        filename="generated-author.jpg",
    )
    image_document(portrait)
    return images, portrait


def _ensure_topics(count):
    names = [
        TOPIC_NAMES[index] if index < len(TOPIC_NAMES) else f"Topic {index + 1}"
        for index in range(count)
    ]
    existing = {topic.name: topic for topic in Topic.objects.filter(name__in=names)}
    missing = [
        Topic(name=name, slug=slugify(name)) for name in names if name not in existing
    ]
    Topic.objects.bulk_create(missing)
    return list(Topic.objects.filter(name__in=names).order_by("pk"))


def _add_children(parent, pages, published_at):
    """
    Insert ``pages`` (unsaved, specific instances with their child relations
    attached) as the last children of ``parent``, live, each with one
    published revision. Returns the pages with their ids set.
    """
    model = type(pages[0])
    parent = Page.objects.get(pk=parent.pk)
    last = parent.get_last_child()
    position = last._get_lastpos_in_path() if last else 0
    content_type = ContentType.objects.get_for_model(model)
    depth = parent.depth + 1
    for offset, page in enumerate(pages, start=1):
        when = published_at(page)
        page.depth = depth
        page.path = Page._get_path(parent.path, depth, position + offset)
        page.numchild = 0
        page.url_path = f"{parent.url_path}{page.slug}/"
        page.locale_id = parent.locale_id
        page.content_type = content_type
        page.draft_title = page.title
        page.live = True
        page.has_unpublished_changes = False
        page.first_published_at = when
        page.last_published_at = when
        page.latest_revision_created_at = when
    base_rows = Page.objects.bulk_create(
        [
            Page(
                **{
                    field.attname: getattr(page, field.attname)
                    for field in _base_fields()
                }
            )
            for page in pages
        ]
    )
    for page, row in zip(pages, base_rows, strict=True):
        page.pk = page.id = page.page_ptr_id = row.pk
    # ``bulk_create`` refuses multi-table models; this is the insert it makes
    # for the specific table alone, in batches the database accepts.
    local_fields = model._meta.local_concrete_fields
    model._base_manager.all()._batched_insert(pages, local_fields, batch_size=None)
    Page.objects.filter(pk=parent.pk).update(numchild=parent.numchild + len(pages))
    return pages


def _base_fields():
    return [field for field in Page._meta.concrete_fields if not field.primary_key]


def _save_revisions(pages):
    """One published revision per page, as ``save_revision().publish()`` leaves it."""
    content_type = ContentType.objects.get_for_model(type(pages[0]))
    base_type = ContentType.objects.get_for_model(Page)
    revisions = Revision.objects.bulk_create(
        [
            Revision(
                content_type=content_type,
                base_content_type=base_type,
                object_id=str(page.pk),
                created_at=page.first_published_at,
                content=page.serializable_data(),
                object_str=page.title,
            )
            for page in pages
        ]
    )
    rows = []
    for page, revision in zip(pages, revisions, strict=True):
        page.live_revision = page.latest_revision = revision
        rows.append(Page(pk=page.pk, live_revision=revision, latest_revision=revision))
    Page.objects.bulk_update(rows, ["live_revision", "latest_revision"])


def _display_date(rng):
    start = datetime.datetime(FIRST_YEAR, 1, 1, tzinfo=datetime.UTC)
    end = datetime.datetime(LAST_YEAR, 12, 31, 23, 59, tzinfo=datetime.UTC)
    seconds = int((end - start).total_seconds())
    return start + datetime.timedelta(seconds=rng.randrange(seconds))


def _ensure_authors(parent, count, portrait, rng):
    existing = AuthorPage.objects.child_of(parent).count()
    pages = []
    for number in range(existing + 1, count + 1):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        pages.append(
            AuthorPage(
                title=name,
                slug=f"{slugify(name)}-{number}",
                role=rng.choice(ROLES),
                photo=portrait,
                short_bio=_sentence(rng, (10, 20)),
                bio=f"<p>{_paragraph(rng)}</p><p>{_paragraph(rng)}</p>",
                website=f"https://{slugify(name)}-{number}.example.com/",
            )
        )
    if not pages:
        return 0
    now = timezone.now()
    with transaction.atomic():
        _add_children(parent, pages, lambda page: now)
        _save_revisions(pages)
        get_search_backend().add_bulk(AuthorPage, pages)
        refresh_pages([page.pk for page in pages])
    return len(pages)


def _article(number, authors, topics, images):
    """Article ``number`` of the generated newsroom: the same for the same number."""
    # Seeded, not secret: the same number always gives the same article.
    rng = random.Random(f"{SEED}-article-{number}")  # noqa: S311
    title = _headline(rng)
    body = _Body(rng, images)
    source_name, source_url = rng.choice(SOURCES)
    page = ArticlePage(
        title=title,
        slug=f"{slugify(title)}-{number}",
        standfirst=_sentence(rng, (18, 30)),
        hero_image=rng.choice(images) if rng.random() < 0.9 else None,
        body=body.blocks,
        source_name=source_name,
        source_url=source_url,
        display_date=_display_date(rng),
        word_count=body.words,
        search_description=_sentence(rng, (12, 20)),
    )
    byline = rng.sample(authors, min(len(authors), rng.randint(1, 3)))
    page.article_authors = [
        ArticleAuthor(author_id=author_id, sort_order=order)
        for order, author_id in enumerate(byline)
    ]
    page.tagged_topics = [
        ArticleTopic(tag=topic)
        for topic in rng.sample(topics, min(len(topics), rng.randint(1, 4)))
    ]
    return page


def _create_articles(parent, numbers, authors, topics, images):
    _insert_articles(
        parent, [_article(number, authors, topics, images) for number in numbers]
    )


def _insert_articles(parent, pages):
    """
    ``pages`` (unsaved articles with their bylines and topics attached) made
    live under ``parent``: tree rows, links, revisions, the search index,
    their delivery documents and those documents' search entries.
    """
    with transaction.atomic():
        _add_children(parent, pages, lambda page: page.display_date)
        links = []
        tags = []
        for page in pages:
            for link in page.article_authors.all():
                link.page_id = page.pk
                links.append(link)
            for tag in page.tagged_topics.all():
                tag.content_object_id = page.pk
                tags.append(tag)
        ArticleAuthor.objects.bulk_create(links)
        ArticleTopic.objects.bulk_create(tags)
        _save_revisions(pages)
        # Read back as a publish would leave them, with what the search index
        # and the delivery document read prefetched once for the whole batch.
        saved = list(
            ArticlePage.objects.filter(pk__in=[page.pk for page in pages])
            .select_related("hero_image", "social_image")
            .prefetch_related(
                "topics__names",
                "corrections",
                "article_authors__author",
                "hero_image__renditions",
                "social_image__renditions",
            )
        )
        get_search_backend().add_bulk(ArticlePage, saved)
        with rendering_in_batch():
            for page in saved:
                store_article(page)
        store_search_entries(saved)


def _arabic_sentence(rng, words=(10, 20)):
    return " ".join(rng.choice(ARABIC_WORDS) for _ in range(rng.randint(*words))) + "."


def _arabic_translation(source, byline, topic_ids):
    """
    The Arabic edition of the generated article ``source``: its own headline,
    standfirst and body in Arabic, and the source's slug, translation key,
    display date, hero image, byline and topics, as a translator's copy
    keeps them.
    """
    # Seeded, not secret: the same source always gives the same translation.
    rng = random.Random(f"{SEED}-arabic-{source.translation_key}")  # noqa: S311
    blocks = []
    words = 0
    for _ in range(rng.randint(3, 6)):
        text = " ".join(_arabic_sentence(rng) for _ in range(rng.randint(2, 4)))
        block_id = str(uuid.UUID(int=rng.getrandbits(128), version=4))
        blocks.append({"type": "paragraph", "value": f"<p>{text}</p>", "id": block_id})
        words += count_words(text)
    page = ArticlePage(
        title=(
            f"{rng.choice(ARABIC_SUBJECTS)} {rng.choice(ARABIC_VERBS)} "
            f"{rng.choice(ARABIC_OBJECTS)} في {rng.choice(ARABIC_PLACES)}"
        ),
        slug=source.slug,
        translation_key=source.translation_key,
        standfirst=_arabic_sentence(rng, (14, 24)),
        hero_image_id=source.hero_image_id,
        body=blocks,
        source_name=source.source_name,
        source_url=source.source_url,
        display_date=source.display_date,
        word_count=words,
        search_description=_arabic_sentence(rng, (10, 16)),
    )
    page.article_authors = [
        ArticleAuthor(author_id=author_id, sort_order=order)
        for order, author_id in enumerate(byline)
    ]
    page.tagged_topics = [ArticleTopic(tag_id=tag_id) for tag_id in topic_ids]
    return page


def _translation_language():
    """The first edition after the default one (Arabic in the stock settings)."""
    codes = [code for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES]
    others = [code for code in codes if code != settings.LANGUAGE_CODE]
    return others[0] if others else None


def _ensure_translations(news, share, batch_size):
    """
    One generated article in every ``1 / share`` gets its translation in the
    second edition, under that edition's News section (an alias of the
    English one, as the admin's "Translate" makes a missing parent). Only
    missing translations are made; returns how many.
    """
    language = _translation_language()
    if share <= 0 or language is None:
        return 0
    locale, _created = Locale.objects.get_or_create(language_code=language)
    translated_news = news.get_translation_or_none(locale)
    if translated_news is None:
        translated_news = news.copy_for_translation(
            locale, copy_parents=True, alias=True
        )
    step = max(1, round(1 / share))
    sources = list(
        ArticlePage.objects.child_of(news).order_by("path").values_list("pk", flat=True)
    )[step - 1 :: step]
    done = ArticlePage.objects.child_of(translated_news).count()
    missing = sources[done:]
    for start in range(0, len(missing), batch_size):
        batch = missing[start : start + batch_size]
        bylines = defaultdict(list)
        for page_id, author_id in (
            ArticleAuthor.objects.filter(page_id__in=batch)
            .values_list("page_id", "author_id")
            .order_by("page_id", "sort_order")
        ):
            bylines[page_id].append(author_id)
        topics = defaultdict(list)
        for page_id, tag_id in ArticleTopic.objects.filter(
            content_object_id__in=batch
        ).values_list("content_object_id", "tag_id"):
            topics[page_id].append(tag_id)
        originals = ArticlePage.objects.filter(pk__in=batch).order_by("path")
        _insert_articles(
            translated_news,
            [
                _arabic_translation(page, bylines[page.pk], topics[page.pk])
                for page in originals
            ],
        )
    return len(missing)


def _fill_missing_entries():
    """Documents stored before search entries existed get them now."""
    missing = missing_entry_ids()
    for start in range(0, len(missing), BATCH_SIZE):
        batch = missing[start : start + BATCH_SIZE]
        pages = [
            *ArticlePage.objects.filter(pk__in=batch).prefetch_related(
                "article_authors__author", "topics"
            ),
            *AuthorPage.objects.filter(pk__in=batch),
        ]
        with transaction.atomic():
            store_search_entries(pages)
    return len(missing)


def _analyze():
    """
    Fresh planner statistics after a bulk load, as after any restore: without
    them PostgreSQL guesses the search index matches a handful of rows and
    scans every document instead. VACUUM also moves the GIN indexes' pending
    entries into the index proper. It cannot run inside a transaction (a
    caller's, or a test's).
    """
    if connection.in_atomic_block:
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")
        elif connection.vendor == "sqlite":
            cursor.execute("ANALYZE")


def generate(
    articles=DEFAULT_ARTICLES,
    authors=DEFAULT_AUTHORS,
    topics=DEFAULT_TOPICS,
    batch_size=BATCH_SIZE,
    images=DEFAULT_IMAGES,
    progress=None,
    translated=0.0,
):
    """
    Make sure the newsroom holds at least ``articles`` generated articles by
    ``authors`` authors on ``topics`` topics, illustrated with ``images``
    photographs; only what is missing is made.

    A ``translated`` share of them (0.1: one in ten) also has its translation
    in the second edition. ``progress(done, total)`` is called after each
    batch of articles.
    """
    started = time.monotonic()
    tree = ensure_site_tree()
    images, portrait = _ensure_images(images)
    topic_rows = _ensure_topics(topics)
    authors_created = _ensure_authors(
        tree.authors,
        authors,
        portrait,
        random.Random(f"{SEED}-authors"),  # noqa: S311
    )
    author_ids = list(
        AuthorPage.objects.child_of(tree.authors)
        .order_by("path")
        .values_list("pk", flat=True)[:authors]
    )
    before = ArticlePage.objects.child_of(tree.news).count()
    numbers = range(before + 1, articles + 1)
    for start in range(0, len(numbers), batch_size):
        batch = numbers[start : start + batch_size]
        _create_articles(tree.news, batch, author_ids, topic_rows, images)
        if progress:
            progress(batch[-1] - before, len(numbers))
    created = len(numbers)
    translations = _ensure_translations(tree.news, translated, batch_size)
    filled = _fill_missing_entries()
    if created or authors_created or translations or filled:
        bump_generation()
        _analyze()
    return GenerateReport(
        articles_before=before,
        articles_created=created,
        authors_created=authors_created,
        translations_created=translations,
        seconds=time.monotonic() - started,
    )
