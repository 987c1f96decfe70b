"""
The demo newsroom's Arabic edition: the seed article translated in full,
Sofia Nawab's bio in Arabic, one translation waiting for an editor and one
live translation whose English source has changed since it was translated.

Translations are made as the admin's "Translate" makes them
(``copy_for_translation``: a page of the Arabic tree with the source's
translation key), then written in Arabic and saved as revisions, so they
carry their own history and go through the same "Editorial review".
"""

from wagtail.models import Locale
from wagtail.rich_text import RichText

from blog.models import ArticleAuthor, ArticlePage, Topic, TopicName

ARABIC = "ar"

SEED_TITLE = "النظام السوري يسعى إلى دعم إقليمي مع تقدّم المعارضة"
SEED_STANDFIRST = (
    "في ظل خسائر ميدانية كبيرة في الشمال، يسعى الرئيس بشار الأسد إلى حشد الدعم "
    "من حلفائه الإقليميين، ولا سيما العراق وإيران والإمارات. وتركّزت المباحثات "
    "الأخيرة على تعزيز سيادة سوريا ومكافحة الإرهاب، في تحوّل استراتيجي يعكس حجم "
    "التحديات التي تفرضها قوات المعارضة."
)
SEED_PARAGRAPHS = (
    "على وقع الخسائر الميدانية الأخيرة أمام قوات المعارضة في شمال سوريا، يسعى "
    "النظام السوري على وجه السرعة إلى الحصول على دعم حلفائه الإقليميين، وفي "
    "مقدّمتهم العراق وإيران والإمارات العربية المتحدة. ومع سقوط حلب والتهديدات "
    "المحتملة لحماة، كثّف الرئيس السوري بشار الأسد اتصالاته الدبلوماسية، في مؤشر "
    "على هشاشة موقف النظام.",
    "تحتفظ الحكومة السورية بالسيطرة على غرب البلاد، في حين تهيمن قوات مدعومة من "
    "الولايات المتحدة على المناطق الشرقية، وفصائل مدعومة من تركيا على المناطق "
    "الشمالية. وتشير تطمينات العراق والإمارات إلى التزام متجدد بسيادة سوريا "
    "وبالتعاون في مكافحة الإرهاب. وخلال مباحثات جرت مؤخراً، أكّد رئيس الوزراء "
    "العراقي محمد شياع السوداني استعداد العراق لدعم سوريا في مكافحة الإرهاب، "
    "مجدّداً التزام بلاده بوحدة الأراضي السورية.",
    "وفي اتصال منفصل مع الشيخ محمد بن زايد آل نهيان، رئيس دولة الإمارات، شدّد "
    "الرئيس الأسد على عزم سوريا حماية استقرارها ووحدة أراضيها. وأعرب الشيخ محمد "
    "عن دعم الإمارات القوي لسيادة سوريا ولمواجهتها المستمرة للإرهاب، في انعكاس "
    "لمسار أوسع من التطبيع بين النظام السوري ودول الخليج. ويشير هذا التحرك "
    "الدبلوماسي إلى تحوّل محتمل في الديناميكيات الإقليمية المحيطة بالحرب الأهلية "
    "السورية، إذ تعيد الدول تقييم مصالحها الاستراتيجية في ضوء التحديات المتزايدة "
    "التي تواجهها سوريا.",
    "وبينما يجتاز النظام السوري هذه المرحلة المضطربة، تكشف مساعيه لتوطيد "
    "تحالفاته مع العراق وإيران والإمارات عن إدراكه لمواطن ضعفه وعن تحوّل "
    "استراتيجي لاستعادة الاستقرار. وتُظهر هذه الاتصالات منعطفاً حاسماً في النزاع "
    "السوري المستمر، إذ يسعى النظام إلى الحصول على دعم خارجي لمواجهة تقدّم قوات "
    "المعارضة والحفاظ على قبضته على السلطة، رغم انتكاساته الأخيرة.",
    "منذ اندلاع الحرب الأهلية في سوريا عام 2011، واجه نظام الأسد تحديات كبيرة، "
    "من بينها فقدان السيطرة على مناطق عدة لصالح جماعات المعارضة. وقد فرض ذلك "
    "تحوّلاً في التحالفات، إذ باتت سوريا تطلب الدعم لا من حلفائها التقليديين مثل "
    "إيران وروسيا فحسب، بل أيضاً من دول مجاورة في الشرق الأوسط كالعراق والإمارات. "
    "وقد تغيّرت الديناميكيات في المنطقة تغيّراً كبيراً، مع استكشاف خصوم سابقين "
    "سبل إعادة الانخراط الدبلوماسي مع سوريا في ظل عدم الاستقرار المستمر والتهديد "
    "الذي تشكّله الجماعات المتطرفة في المنطقة.",
    "وخلاصة القول، إن انفتاح النظام السوري على العراق وإيران والإمارات يؤكد "
    "حاجته الملحّة إلى الدعم وسط خسائر ميدانية كبيرة في صراعه مع قوات المعارضة. "
    "وتشير المباحثات مع القادة الإقليميين إلى جهد منسّق لإعادة تأكيد سيادة سوريا "
    "ومكافحة الإرهاب، وهو ما يحمل للنظام تحديات وفرصاً في آن معاً. وفي سعيه إلى "
    "تثبيت حكمه، تنبئ تحركات النظام بتحوّل محتمل في التحالفات الإقليمية قد يعيد "
    "رسم ملامح النزاع المستمر في سوريا.",
)
SOFIA = {
    "title": "صوفيا نواب",
    "role": "كاتبة تحقيقات",
    "short_bio": "كاتبة تحقيقات تُعرف بملفاتها المعمّقة وقصصها الإنسانية.",
    "bio": (
        "<p>صوفيا نواب كاتبة تحقيقات موهوبة، تُعرف بملفاتها المعمّقة وقصصها "
        "الإنسانية. بعد حصولها على شهادة في الصحافة من جامعة لندن، صقلت موهبتها "
        "على مدى أكثر من عقد في عدد من أبرز المطبوعات. تمتلك صوفيا قدرة فريدة على "
        "التقاط جوهر التجربة الإنسانية في كتاباتها، وتتناول أعمالها في الغالب "
        "موضوعات ثقافية واجتماعية.</p>"
    ),
}
GULF = {
    "title": "دول الخليج تزن كلفة التطبيع مع دمشق",
    "standfirst": "انفتاح أبوظبي على سوريا يختبر توافقاً إقليمياً.",
    "paragraphs": (
        "يقول دبلوماسيون في الخليج إن الحسابات تغيّرت منذ عام 2011.",
        "ويصف مسؤولون مساراً بطيئاً لإعادة الانخراط، يُقاس بالزيارات والاتصالات "
        "الهاتفية لا بالمعاهدات.",
    ),
}
# The demo's topics as the Arabic edition names them.
TOPIC_NAMES = {
    "Syria": "سوريا",
    "Iraq": "العراق",
    "Iran": "إيران",
    "UAE": "الإمارات",
}
HAMA = {
    "title": "حماة تستعد لهجوم",
    "standfirst": "السكان يغادرون المدينة مع اقتراب خطوط الجبهة.",
    "paragraphs": ("قال سكان إن الطرق المؤدية جنوباً مزدحمة منذ الفجر.",),
}


def _paragraphs(texts):
    return [("paragraph", RichText(f"<p>{text}</p>")) for text in texts]


def _translation(page, locale):
    return (
        type(page)
        .objects.filter(translation_key=page.translation_key, locale=locale)
        .first()
    )


def _translate(page, locale, user, **fields):
    """``page``'s Arabic translation written with ``fields``: a saved, unpublished revision."""
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.owner = user
    translation.save_revision(user=user)
    return translation


def _fresh(user):
    # Wagtail remembers a user's page permissions on the user object; the
    # Arabic tree's permissions are granted as its pages are first copied.
    return type(user).objects.get(pk=user.pk)


def name_topics_in_arabic(locale):
    """Give the demo's topics their Arabic names; names already given are kept."""
    for topic in Topic.objects.filter(name__in=TOPIC_NAMES):
        TopicName.objects.get_or_create(
            topic=topic, locale=locale, defaults={"name": TOPIC_NAMES[topic.name]}
        )


def load_arabic_edition(report, *, writer, editor, sofia, seed, gulf, hama):
    """Add the Arabic edition to the demo; pages already there are left alone."""
    locale, _created = Locale.objects.get_or_create(language_code=ARABIC)
    name_topics_in_arabic(locale)

    sofia_ar = _translation(sofia, locale)
    if sofia_ar is None:
        sofia_ar = _translate(sofia, locale, editor, **SOFIA, slug=sofia.slug)
        writer, editor = _fresh(writer), _fresh(editor)
        sofia_ar.get_latest_revision().publish(user=editor)
        report.created_pages.append(f"{SOFIA['title']} (Arabic bio, live)")

    def byline(article):
        if article.article_authors.filter(author=sofia).exists():
            return [ArticleAuthor(author=sofia_ar)]
        return []

    if seed is not None and _translation(seed, locale) is None:
        article = _translate(
            seed,
            locale,
            writer,
            title=SEED_TITLE,
            standfirst=SEED_STANDFIRST,
            body=_paragraphs(SEED_PARAGRAPHS),
            article_authors=[ArticleAuthor(author=sofia_ar)],
            hero_caption="دمشق عند الغسق.",
        )
        article.get_workflow().start(article, writer)
        task_state = ArticlePage.objects.get(pk=article.pk).current_workflow_task_state
        task_state.task.specific.on_action(
            task_state, editor, "approve", comment="ترجمة دقيقة. للنشر."
        )
        report.created_pages.append(f"{SEED_TITLE} (Arabic translation, live)")

    if gulf is not None and _translation(gulf, locale) is None:
        article = _translate(
            gulf,
            locale,
            editor,
            title=GULF["title"],
            standfirst=GULF["standfirst"],
            body=_paragraphs(GULF["paragraphs"]),
            article_authors=byline(gulf),
        )
        article.get_latest_revision().publish(user=editor)
        # The English story is edited after its translation went live: the
        # Arabic edition is now out of date with its source.
        gulf.refresh_from_db()
        latest = gulf.get_latest_revision_as_object()
        latest.standfirst += " Riyadh is watching closely."
        latest.save_revision(user=editor)
        report.created_pages.append(
            f"{GULF['title']} (Arabic translation, live, out of date with its source)"
        )

    if hama is not None and _translation(hama, locale) is None:
        article = _translate(
            hama,
            locale,
            writer,
            title=HAMA["title"],
            standfirst=HAMA["standfirst"],
            body=_paragraphs(HAMA["paragraphs"]),
            article_authors=byline(hama),
        )
        article.get_workflow().start(article, writer)
        report.created_pages.append(
            f"{HAMA['title']} (Arabic translation, waiting for review)"
        )
    return sofia_ar
