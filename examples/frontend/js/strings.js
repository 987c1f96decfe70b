/**
 * The words the site itself says (its navigation, "By", "min read"), in the
 * language of the edition being read. Content comes from the CMS already in
 * its edition's language; these are the few words around it, so that an
 * Arabic page does not read as Arabic text in an English frame.
 *
 * The language is the page's own (<html lang>, which app.js sets from the
 * path's edition and the document's locale); an edition with no strings
 * here reads the English ones.
 */

const STRINGS = {
    en: {
        siteName: "The Newsroom",
        skip: "Skip to content",
        mainNav: "Main",
        news: "News",
        authors: "Authors",
        footer: "© The Newsroom. An example frontend for the Newsroom CMS's Delivery API.",
        by: "By",
        and: " and ",
        comma: ", ",
        updated: "Updated",
        minRead: (n) => `${n} min read`,
        source: "Original Source:",
        latest: "Latest",
        topics: "Topics",
        allTopics: "All topics",
        topic: "Topic: ",
        postsBy: (name) => `All posts by ${name}`,
        viewPostsBy: (name) => `View all posts by ${name} →`,
        about: (name) => `About ${name}`,
        notYet: (name) => `${name} has not published yet.`,
        noArticles: "No articles yet.",
        noArticlesPublished: "No articles published yet.",
        newer: "← Newer",
        older: "Older →",
        pagination: "Pagination",
        language: "Language",
        notFound: "Page not found",
        nothingHere: "Nothing is published at this address.",
        frontPage: "Back to the front page",
        error: "Something went wrong",
    },
    ar: {
        siteName: "غرفة الأخبار",
        skip: "انتقل إلى المحتوى",
        mainNav: "القائمة الرئيسية",
        news: "الأخبار",
        authors: "الكتّاب",
        footer: "© غرفة الأخبار. واجهة تجريبية تقرأ واجهة برمجة النشر في نظام إدارة المحتوى.",
        by: "بقلم",
        and: " و",
        comma: "، ",
        updated: "حُدّث في",
        minRead: (n) => `مدة القراءة ${n} دقائق`,
        source: "المصدر الأصلي:",
        latest: "الأحدث",
        topics: "المواضيع",
        allTopics: "كل المواضيع",
        topic: "الموضوع: ",
        postsBy: (name) => `كل مقالات ${name}`,
        viewPostsBy: (name) => `كل مقالات ${name} ←`,
        about: (name) => `عن ${name}`,
        notYet: (name) => `لم ينشر ${name} شيئاً بعد.`,
        noArticles: "لا مقالات بعد.",
        noArticlesPublished: "لم تُنشر مقالات بعد.",
        // Arrows point the way the page reads: right to left.
        newer: "الأحدث →",
        older: "← الأقدم",
        pagination: "الصفحات",
        language: "اللغة",
        notFound: "الصفحة غير موجودة",
        nothingHere: "لا شيء منشور على هذا العنوان.",
        frontPage: "العودة إلى الصفحة الأولى",
        error: "حدث خطأ",
    },
};

/** The page's language, "en-GB" → "en", "ar" → "ar". */
export function pageLanguage() {
    return (document.documentElement.lang || "en").split("-")[0].toLowerCase();
}

/** The string `key` in the page's language: t("news"), t("minRead", 3). */
export function t(key, ...args) {
    const value = (STRINGS[pageLanguage()] ?? STRINGS.en)[key] ?? STRINGS.en[key];
    return typeof value === "function" ? value(...args) : value;
}

/** A date as readers of the page's language write it ("2 December 2024", "٢ ديسمبر ٢٠٢٤"). */
export function formatDate(date) {
    const language = document.documentElement.lang || "en-GB";
    return new Intl.DateTimeFormat(language, { day: "numeric", month: "long", year: "numeric" }).format(date);
}
