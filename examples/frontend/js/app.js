/**
 * The example frontend's entry point: a router from the browser's path to a
 * view, fed purely by the Delivery API.
 *
 *   /                    the home page: introduction and latest articles
 *   /topics/<slug>/      articles on one topic
 *   /preview?token=...   a draft, from the CMS's preview panel
 *   anything else        looked up with GET find/?path=..., which says whether
 *                        it is an article, an author, a section or an index
 *
 * Editions: a path under a language prefix (/ar/...) is that edition's; its
 * lists are read with ?locale=, and the page's lang and dir follow the
 * document's locale (Arabic is right to left).
 *
 * Every navigation is a full page load (server.py answers every path with
 * index.html), which keeps the example short and the browser's own history,
 * focus and scroll behaviour intact.
 */

import { api, ApiError, CMS_ORIGIN } from "./api.js";
import { html, raw } from "./html.js";
import { t } from "./strings.js";
import * as views from "./views.js";

const PAGE_SIZE = 10;

const main = document.getElementById("main");

/**
 * The edition a path belongs to: its language prefix (/ar/news/x/ is
 * Arabic), else null for the default edition, whose paths have no prefix.
 */
function editionOf(path) {
    const prefix = path.split("/")[1];
    return views.PREFIXED_EDITIONS.includes(prefix) ? prefix : null;
}

const EDITION = editionOf(window.location.pathname);

/** Sets the page's language and direction for the edition's `locale`. */
function setLanguage(locale) {
    const code = locale || views.DEFAULT_EDITION;
    document.documentElement.lang = code;
    document.documentElement.dir = views.isRightToLeft(code) ? "rtl" : "ltr";
}

/** List parameters in this edition: `locale` only for a prefixed edition. */
function inEdition(params = {}) {
    return EDITION ? { ...params, locale: EDITION } : params;
}

function setTitle(title) {
    document.title = title ? `${title} · ${t("siteName")}` : t("siteName");
}

function pageNumber() {
    const n = Number.parseInt(new URLSearchParams(window.location.search).get("page"), 10);
    return Number.isInteger(n) && n > 0 ? n : 1;
}

function paging() {
    return { limit: PAGE_SIZE, offset: (pageNumber() - 1) * PAGE_SIZE };
}

async function home(doc) {
    const [latest, topics] = await Promise.all([api.articles(inEdition(paging())), api.topics(inEdition())]);
    setTitle("");
    return html`<h1 class="visually-hidden">${doc.title}</h1>
        ${doc.intro_html ? html`<div class="intro">${raw(doc.intro_html)}</div>` : ""}
        <section aria-labelledby="latest-heading">
            <h2 id="latest-heading" class="section-title">${t("latest")}</h2>
            ${views.articleList(latest, { pageNumber: pageNumber(), emptyText: t("noArticlesPublished"), headingLevel: 3 })}
        </section>
        ${topics.length
            ? html`<section aria-labelledby="topics-heading">
                <h2 id="topics-heading" class="section-title">${t("topics")}</h2>
                ${views.topicList(topics, t("allTopics"))}
            </section>`
            : ""}`;
}

async function section(doc) {
    const page = await api.articles(inEdition({ section: doc.id, ...paging() }));
    setTitle(doc.title);
    return html`<h1>${doc.title}</h1>
        ${doc.intro_html ? html`<div class="intro">${raw(doc.intro_html)}</div>` : ""}
        ${views.articleList(page, { pageNumber: pageNumber() })}`;
}

async function authorIndex(doc) {
    const page = await api.authors(inEdition({ limit: 100 }));
    setTitle(doc.title);
    return html`<h1>${doc.title}</h1>
        <ul class="author-list">${page.results.map(views.authorCard)}</ul>`;
}

async function author(doc) {
    const page = await api.articles(inEdition({ author: doc.slug, ...paging() }));
    setTitle(doc.name);
    return html`${views.authorHeader(doc)}
        <section aria-labelledby="posts-heading">
            <h2 id="posts-heading" class="section-title">${t("postsBy", doc.name)}</h2>
            ${views.articleList(page, {
                pageNumber: pageNumber(),
                emptyText: t("notYet", doc.name),
                headingLevel: 3,
            })}
        </section>`;
}

function article(doc, { preview = false } = {}) {
    setLanguage(doc.locale);
    setTitle(doc.seo?.title || doc.title);
    const description = document.querySelector('meta[name="description"]');
    if (doc.seo?.description || doc.standfirst) description.content = doc.seo?.description || doc.standfirst;
    return views.article(doc, { cmsOrigin: CMS_ORIGIN, preview });
}

async function topic(slug) {
    const [page, topics] = await Promise.all([
        api.articles(inEdition({ topic: slug, ...paging() })),
        api.topics(inEdition()),
    ]);
    const name = topics.find((t) => t.slug === slug)?.name;
    if (!name) throw new ApiError(404, { title: "Not Found" });
    setTitle(name);
    return html`<h1><span class="visually-hidden">${t("topic")}</span>${name}</h1>
        ${views.articleList(page, { pageNumber: pageNumber() })}`;
}

/**
 * The preview route. The CMS's preview panel opens
 * /preview?token=...&content_type=blog.articlepage in an iframe; the token
 * is exchanged for the draft, which comes back in the live detail's shape,
 * so the same views render it.
 */
async function preview() {
    const params = new URLSearchParams(window.location.search);
    const token = params.get("token");
    if (!token) throw new ApiError(400, { title: "No preview token", detail: "Open previews from the CMS's editor." });
    // Drafts must stay out of search engines even if a link leaks.
    const robots = document.createElement("meta");
    robots.name = "robots";
    robots.content = "noindex, nofollow";
    document.head.append(robots);
    let doc;
    try {
        doc = await api.preview(token, params.get("content_type"));
    } catch (error) {
        if (error.status === 401) {
            throw new ApiError(401, {
                title: "This preview link has expired",
                detail: "Preview again from the editor to get a fresh link.",
            });
        }
        throw error;
    }
    const banner = html`<p class="preview-banner" role="status">Preview: this is a draft and is not published.</p>`;
    if (doc.type === "author") {
        setTitle(`Preview: ${doc.name}`);
        return html`${banner}${views.authorHeader(doc)}`;
    }
    return html`${banner}${article(doc, { preview: true })}`;
}

const BY_TYPE = { home, section, author_index: authorIndex, author, article: (doc) => article(doc) };

async function route(path) {
    if (path === "/preview" || path === "/preview/") return preview();
    const topicMatch = path.match(/^(?:\/[a-z]{2}(?:-[a-z]+)?)?\/topics\/([^/]+)\/?$/);
    if (topicMatch) return topic(decodeURIComponent(topicMatch[1]));
    const doc = await api.find(path.endsWith("/") ? path : `${path}/`);
    const view = BY_TYPE[doc.type];
    if (!view) throw new ApiError(404, { title: "Not Found" });
    return view(doc);
}

/**
 * The site's own header and footer (index.html) in the edition's language,
 * its links kept inside the edition: /ar/news/ from an Arabic page.
 */
function localiseChrome() {
    const prefix = views.editionPrefix();
    const name = document.querySelector(".site-header__name");
    name.textContent = t("siteName");
    name.href = `${prefix}/`;
    document.querySelector(".skip-link").textContent = t("skip");
    const nav = document.querySelector(".site-header nav");
    nav.setAttribute("aria-label", t("mainNav"));
    for (const link of nav.querySelectorAll("a")) {
        const section = link.getAttribute("href").split("/").filter(Boolean).pop();
        link.textContent = t(section);
        link.href = `${prefix}/${section}/`;
    }
    document.querySelector(".site-footer p").textContent = t("footer");
}

async function start() {
    setLanguage(EDITION);
    localiseChrome();
    try {
        main.innerHTML = await route(window.location.pathname);
    } catch (error) {
        if (!(error instanceof ApiError)) console.error(error);
        setTitle(error.status === 404 ? "Page not found" : "Error");
        main.innerHTML = views.problem(error instanceof ApiError ? error : new ApiError(500, {}));
    } finally {
        main.setAttribute("aria-busy", "false");
    }
}

start();
