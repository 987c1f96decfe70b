/**
 * Views: each takes data from the Delivery API and returns the HTML for
 * <main>. They only format; fetching and routing live in app.js.
 *
 * Links use the API's `path` (e.g. /news/some-slug/), which this site serves
 * under the same path as the CMS does, so no URL needs rewriting.
 */

import { html, raw, time } from "./html.js";
import { t } from "./strings.js";

const HERO_SIZES = "(min-width: 46rem) 44rem, 100vw";

/** "By A, B and C", each name linking to the author's page. */
export function bylineNames(authors) {
    if (!authors?.length) return "";
    const links = authors.map((author) => html`<a href="${author.path ?? authorPath(author)}">${author.name}</a>`);
    const joined = links.flatMap((link, i) => {
        if (i === 0) return [link];
        return [i === links.length - 1 ? t("and") : t("comma"), link];
    });
    return html`<span class="byline-names">${t("by")} ${joined}</span>`;
}

/** Author summaries inside an article carry `url` but not `path`; the path is the same on both sites. */
function authorPath(author) {
    return author.url ? new URL(author.url).pathname : `/authors/${author.slug}/`;
}

/** "/ar" on a page of the Arabic edition, "" on the default edition's. */
export function editionPrefix() {
    const prefix = window.location.pathname.split("/")[1];
    return PREFIXED_EDITIONS.includes(prefix) ? `/${prefix}` : "";
}

/** A topic's page in the edition being read. */
export function topicPath(topic) {
    return `${editionPrefix()}/topics/${topic.slug}/`;
}

/**
 * A responsive image from the API's renditions: WebP first for browsers that
 * take it, the original format otherwise, and width/height so that the page
 * does not jump while it loads.
 */
export function picture(image, { sizes = HERO_SIZES, alt = image?.alt, loading = "eager", className = "" } = {}) {
    if (!image) return "";
    const fallback = image.renditions?.find((r) => r.format !== "webp" && r.width >= 640) ?? image.original;
    return html`<picture>
        ${image.srcset_webp ? html`<source type="image/webp" srcset="${image.srcset_webp}" sizes="${sizes}">` : ""}
        <img class="${className}" src="${fallback.url}" srcset="${image.srcset}" sizes="${sizes}"
             width="${image.width}" height="${image.height}" alt="${alt ?? ""}" loading="${loading}">
    </picture>`;
}

function figure(image, caption, className) {
    const text = caption || image.caption;
    return html`<figure class="${className}">
        ${picture(image)}
        ${text || image.credit
            ? html`<figcaption>${text}${image.credit ? html` <span class="credit">${image.credit}</span>` : ""}</figcaption>`
            : ""}
    </figure>`;
}

/** One body block. Unknown types are skipped, so a new block in the CMS never breaks the site. */
const BLOCKS = {
    paragraph: (value) => raw(value.html),
    heading: (value) => (value.level === 3 ? html`<h3>${value.text}</h3>` : html`<h2>${value.text}</h2>`),
    image: (value) =>
        value.image ? figure(value.image, value.caption, `block-image block-image--${value.alignment}`) : "",
    pull_quote: (value) => html`<figure class="pull-quote">
        <blockquote><p>${value.quote}</p></blockquote>
        ${value.attribution ? html`<figcaption>${value.attribution}</figcaption>` : ""}
    </figure>`,
    embed: (value) => html`<div class="embed">${raw(value.html)}</div>`,
    callout: (value) => html`<aside class="callout callout--${value.tone}" aria-label="${value.title || "Note"}">
        ${value.title ? html`<p class="callout__title">${value.title}</p>` : ""}
        ${raw(value.body_html)}
    </aside>`,
    related_article: (value) =>
        value.article
            ? html`<p class="related-article">
                <span class="related-article__label">${value.label}</span>
                <a href="${value.article.path}">${value.article.title}</a>
            </p>`
            : "",
    table: (value) => table(value),
    code: (value) =>
        html`<pre class="code-block"><code class="${value.language ? `language-${value.language}` : ""}">${value.code}</code></pre>`,
    gallery: (value) => html`<figure class="gallery">
        ${value.title ? html`<figcaption class="gallery__title">${value.title}</figcaption>` : ""}
        <ol class="gallery__images">${value.images
            .filter((item) => item.image)
            .map(
                (item) => html`<li>${figure(
                    { ...item.image, caption: item.caption, credit: item.credit },
                    item.caption,
                    "gallery__item",
                )}</li>`,
            )}</ol>
    </figure>`,
    document: (value) =>
        value.document
            ? html`<p class="document-block">
                <a class="document-block__link" href="${value.document.url}">${value.title}</a>
                <span class="document-block__meta">(${value.document.extension.toUpperCase()}${value.document.size ? `, ${fileSize(value.document.size)}` : ""})</span>
            </p>`
            : "",
    media: (value) => (value.file ? media(value) : ""),
    details: (value) => html`<details class="details-block">
        <summary>${value.question}</summary>
        <div class="details-block__answer">${raw(value.answer_html)}</div>
    </details>`,
};

/** "12:34": a duration in seconds as a reader reads it. */
function clockTime(seconds) {
    const hours = Math.floor(seconds / 3600);
    const minutes = Math.floor((seconds % 3600) / 60);
    const rest = String(seconds % 60).padStart(2, "0");
    return hours ? `${hours}:${String(minutes).padStart(2, "0")}:${rest}` : `${minutes}:${rest}`;
}

/** An audio or video file in the browser's own player, with a download link and the transcript. */
function media(value) {
    const source = html`<source src="${value.file.url}" type="${value.file.content_type}">`;
    const fallback = html`<a href="${value.file.url}">Download: ${value.title}</a>`;
    const poster = value.poster?.renditions?.find((r) => r.format !== "webp" && r.width >= 640) ?? value.poster?.original;
    const player =
        value.kind === "video"
            ? html`<video controls preload="metadata" aria-label="${value.title}"${poster ? html` poster="${poster.url}"` : ""}>${source}${fallback}</video>`
            : html`<audio controls preload="metadata" aria-label="${value.title}">${source}${fallback}</audio>`;
    return html`<figure class="media-block media-block--${value.kind}">
        ${player}
        <figcaption>${value.title}${value.duration ? html` <span class="media-block__duration">(<time datetime="PT${value.duration}S">${clockTime(value.duration)}</time>)</span>` : ""}</figcaption>
        ${value.transcript_html
            ? html`<details class="media-block__transcript"><summary>Transcript</summary>${raw(value.transcript_html)}</details>`
            : ""}
    </figure>`;
}

/** "1.2 MB": a document's size as a reader reads it. */
function fileSize(bytes) {
    const units = ["bytes", "KB", "MB", "GB"];
    let size = bytes;
    let unit = 0;
    while (size >= 1024 && unit < units.length - 1) {
        size /= 1024;
        unit += 1;
    }
    return unit ? `${size.toFixed(1)} ${units[unit]}` : `${size} bytes`;
}

/** A table from rows of typed cells: headers as <th> with their scope, alignment as a class. */
function table(value) {
    const cell = (item, rowIndex) => {
        const attrs = {
            colspan: item.colspan > 1 ? item.colspan : null,
            rowspan: item.rowspan > 1 ? item.rowspan : null,
            className: item.align ? `align-${item.align}` : null,
        };
        const colspan = attrs.colspan ? html` colspan="${attrs.colspan}"` : "";
        const rowspan = attrs.rowspan ? html` rowspan="${attrs.rowspan}"` : "";
        const cls = attrs.className ? html` class="${attrs.className}"` : "";
        if (item.header) {
            const scope = value.header_row && rowIndex === 0 ? "col" : "row";
            return html`<th scope="${scope}"${colspan}${rowspan}${cls}>${item.text}</th>`;
        }
        return html`<td${colspan}${rowspan}${cls}>${item.text}</td>`;
    };
    const [first, ...rest] = value.rows;
    const head = value.header_row && first ? [first] : [];
    const bodyRows = value.header_row ? rest : value.rows;
    const offset = head.length;
    return html`<div class="table-block" role="region" aria-label="${value.caption || "Table"}" tabindex="0"><table>
        ${value.caption ? html`<caption>${value.caption}</caption>` : ""}
        ${head.length ? html`<thead><tr>${first.map((item) => cell(item, 0))}</tr></thead>` : ""}
        <tbody>${bodyRows.map((row, index) => html`<tr>${row.map((item) => cell(item, index + offset))}</tr>`)}</tbody>
    </table></div>`;
}

export function body(blocks) {
    return (blocks ?? []).map((block) => {
        const render = BLOCKS[block.type];
        if (!render) {
            console.warn(`No view for body block "${block.type}"; skipped.`);
            return "";
        }
        return render(block.value);
    });
}

/** The author bio box under an article. */
export function authorBox(author) {
    const headingId = `author-box-${author.id}`;
    return html`<aside class="author-box" aria-labelledby="${headingId}">
        ${author.photo
            ? picture(author.photo, { sizes: "120px", alt: author.photo.alt, loading: "lazy", className: "author-box__photo" })
            : ""}
        <div>
            <h2 class="author-box__name" id="${headingId}">${t("about", author.name)}</h2>
            ${author.role ? html`<p class="author-box__role">${author.role}</p>` : ""}
            ${author.short_bio ? html`<p>${author.short_bio}</p>` : ""}
            <p><a class="author-box__more" href="${author.path ?? authorPath(author)}">${t("viewPostsBy", author.name)}</a></p>
        </div>
    </aside>`;
}

export function topicList(topics, label = t("topics")) {
    if (!topics?.length) return "";
    return html`<nav aria-label="${label}"><ul class="topics">
        ${topics.map((topic) => html`<li><a href="${topicPath(topic)}">${topic.name}</a></li>`)}
    </ul></nav>`;
}

function comments(article, cmsOrigin) {
    const list = article.comments ?? [];
    const heading = list.length ? `${list.length} comment${list.length === 1 ? "" : "s"}` : "Comments";
    // Posting goes to the CMS's own page: the Delivery API is read-only.
    const replyUrl = `${cmsOrigin}${article.path}#reply`;
    return html`<section class="comments" id="comments" aria-labelledby="comments-heading">
        <h2 id="comments-heading">${heading}</h2>
        ${list.length
            ? html`<ol class="comment-list">${list.map(
                  (comment) => html`<li class="comment">
                      <p class="comment__meta"><strong>${comment.name}</strong> · ${time(comment.created_at)}</p>
                      <p>${comment.body}</p>
                  </li>`,
              )}</ol>`
            : html`<p>No comments yet.</p>`}
        <p class="comment-notes"><a href="${replyUrl}">Leave a Reply</a> on the Newsroom's site. Comments are moderated before they appear.</p>
    </section>`;
}

/** The article's corrections and updates, in the order they were made. */
export function correctionsLog(entries) {
    if (!entries?.length) return "";
    return html`<section class="corrections" aria-labelledby="corrections-heading">
        <h2 id="corrections-heading" class="corrections__heading">Corrections and updates</h2>
        <ol class="corrections__list">${entries.map(
            (entry) => html`<li class="corrections__entry corrections__entry--${entry.type}">
                <p><strong class="corrections__type">${entry.label}</strong> ${time(entry.made_at)}</p>
                <p class="corrections__text">${entry.text}</p>
            </li>`,
        )}</ol>
    </section>`;
}

/** A whole article: the same parts, in the same order, as the CMS's own template. */
/** Editions whose paths carry a language prefix (the default edition's do not). */
export const PREFIXED_EDITIONS = ["ar", "fr", "he"];
export const DEFAULT_EDITION = "en-GB";
const EDITION_NAMES = { "en-gb": "English", ar: "العربية", fr: "Français", he: "עברית" };
const RIGHT_TO_LEFT = ["ar", "he", "fa", "ur"];

export function isRightToLeft(locale) {
    return RIGHT_TO_LEFT.includes((locale || "").split("-")[0].toLowerCase());
}

/**
 * The language switch: this article in every edition it is published in,
 * each link named in its own language (lang) and marked with hreflang.
 */
export function languageSwitch(data) {
    if (!data.translations?.length) return "";
    const editions = [
        { locale: data.locale, path: data.path, current: true },
        ...data.translations.map((t) => ({ locale: t.locale, path: t.path, current: false })),
    ];
    return html`<nav class="editions" aria-label="${t("language")}">
        <ul>${editions.map((e) => html`<li><a href="${e.path}" hreflang="${e.locale}" lang="${e.locale}"
            ${e.current ? raw('aria-current="page"') : ""}>${EDITION_NAMES[e.locale] ?? e.locale}</a></li>`)}</ul>
    </nav>`;
}

export function article(data, { cmsOrigin, preview = false } = {}) {
    return html`${preview ? "" : languageSwitch(data)}<article class="article">
        <header class="article__header">
            ${data.topics?.length
                ? html`<p class="article__kicker">${data.topics.map((t) => t.name).join(" · ")}</p>`
                : ""}
            <h1 class="article__title">${data.title}</h1>
            ${data.standfirst ? html`<p class="article__standfirst">${data.standfirst}</p>` : ""}
            <p class="article__byline">
                ${bylineNames(data.authors)}
                ${time(data.display_date)}
                ${data.updated_at ? html`<span class="article__updated">${t("updated")} ${time(data.updated_at)}</span>` : ""}
                ${data.reading_time ? html`<span>${t("minRead", data.reading_time)}</span>` : ""}
            </p>
        </header>
        ${data.hero_image ? figure(data.hero_image, data.hero_image.caption, "article__hero") : ""}
        <div class="article__body">${body(data.body)}</div>
        ${correctionsLog(data.corrections)}
        ${data.source
            ? html`<p class="article__source">${t("source")}
                ${data.source.url ? html`<a href="${data.source.url}" rel="noopener">${data.source.name}</a>` : data.source.name}
            </p>`
            : ""}
        ${topicList(data.topics)}
        ${(data.authors ?? []).map(authorBox)}
    </article>
    ${preview ? "" : comments(data, cmsOrigin)}`;
}

/**
 * An article in a list. `level` keeps the heading outline intact: h2 under a
 * page's h1, h3 under a section's h2.
 */
export function card(summary, level = 2) {
    const thumb = summary.hero_image;
    return html`<article class="card">
        ${thumb ? picture(thumb, { sizes: "(min-width: 40rem) 22rem, 100vw", alt: "", loading: "lazy", className: "card__image" }) : ""}
        ${heading(level, "card__title", html`<a href="${summary.path}">${summary.title}</a>`)}
        ${summary.standfirst ? html`<p class="card__standfirst">${summary.standfirst}</p>` : ""}
        <p class="card__meta">${bylineNames(summary.authors)} ${time(summary.display_date)}</p>
    </article>`;
}

function heading(level, className, content) {
    return level === 3
        ? html`<h3 class="${className}">${content}</h3>`
        : html`<h2 class="${className}">${content}</h2>`;
}

/** A paginated list of article summaries with "Newer" / "Older" links. */
export function articleList(page, { pageNumber, emptyText = t("noArticles"), headingLevel = 2 }) {
    if (!page.results.length) return html`<p>${emptyText}</p>`;
    const link = (n) => {
        const url = new URL(window.location.href);
        if (n > 1) url.searchParams.set("page", n);
        else url.searchParams.delete("page");
        return url.pathname + url.search;
    };
    return html`<div class="card-list">${page.results.map((summary) => card(summary, headingLevel))}</div>
        ${page.previous || page.next
            ? html`<nav class="pagination" aria-label="${t("pagination")}">
                ${page.previous ? html`<a href="${link(pageNumber - 1)}" rel="prev">${t("newer")}</a>` : ""}
                ${page.next ? html`<a href="${link(pageNumber + 1)}" rel="next">${t("older")}</a>` : ""}
            </nav>`
            : ""}`;
}

export function authorHeader(author) {
    return html`<header class="author-header">
        ${author.photo ? picture(author.photo, { sizes: "160px", alt: author.photo.alt, className: "author-header__photo" }) : ""}
        <div>
            <h1>${author.name}</h1>
            ${author.role ? html`<p class="author-header__role">${author.role}</p>` : ""}
            ${author.bio_html ? raw(author.bio_html) : html`<p>${author.short_bio}</p>`}
            ${author.website || author.links?.length
                ? html`<ul class="author-links" aria-label="Elsewhere">
                    ${author.website ? html`<li><a href="${author.website}" rel="noopener">Website</a></li>` : ""}
                    ${(author.links ?? []).map((link) => html`<li><a href="${link.url}" rel="noopener me">${linkLabel(link.platform)}</a></li>`)}
                </ul>`
                : ""}
        </div>
    </header>`;
}

const PLATFORMS = { x: "X", linkedin: "LinkedIn", mastodon: "Mastodon", bluesky: "Bluesky", instagram: "Instagram", facebook: "Facebook" };

function linkLabel(platform) {
    return PLATFORMS[platform] ?? platform;
}

export function authorCard(author) {
    return html`<li class="author-list__item">
        ${author.photo ? picture(author.photo, { sizes: "80px", alt: "", loading: "lazy", className: "author-box__photo author-list__photo" }) : ""}
        <div>
            <h2><a href="${author.path}">${author.name}</a></h2>
            ${author.role ? html`<p class="author-list__role">${author.role}</p>` : ""}
            ${author.short_bio ? html`<p>${author.short_bio}</p>` : ""}
        </div>
    </li>`;
}

export function problem(error) {
    const notFound = error.status === 404;
    return html`<div class="problem" role="alert">
        <h1>${notFound ? t("notFound") : error.problem?.title || t("error")}</h1>
        <p>${notFound ? t("nothingHere") : error.message}</p>
        <p><a href="${editionPrefix()}/">${t("frontPage")}</a></p>
    </div>`;
}
