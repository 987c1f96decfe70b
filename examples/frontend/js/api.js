/**
 * The Delivery API client: one fetch wrapper, so every view handles errors
 * the same way. The API answers errors as RFC 7807 problem+json
 * ({title, status, detail}); they become an ApiError the views can show.
 */

const BASE = new URL(window.CMS_API || "http://127.0.0.1:8000/api/v1/", window.location.href);

export class ApiError extends Error {
    constructor(status, problem) {
        super(problem.detail || problem.title || `The CMS answered ${status}.`);
        this.status = status;
        this.problem = problem;
    }
}

/** The CMS's own origin, for links that only the CMS can serve (posting comments). */
export const CMS_ORIGIN = BASE.origin;

/**
 * GET an endpoint relative to the API base, e.g. get("articles/", {topic: "syria"}).
 * `cache: "no-store"` is for previews, which must never come from a cache.
 */
export async function get(endpoint, params = {}, { cache = "default" } = {}) {
    const url = new URL(endpoint, BASE);
    for (const [name, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
    }
    let response;
    try {
        response = await fetch(url, { headers: { Accept: "application/json" }, cache });
    } catch (error) {
        // A network failure or a CORS refusal: the browser tells us nothing more.
        throw new ApiError(0, {
            title: "The CMS could not be reached",
            detail: `Is it running at ${BASE.origin}, and does it allow this site in API_CORS_ALLOWED_ORIGINS?`,
        });
    }
    const body = await response.json().catch(() => ({}));
    if (!response.ok) throw new ApiError(response.status, body);
    return body;
}

export const api = {
    /** Whatever lives at a site path: an article, an author, the home page, a section. */
    find: (path) => get("find/", { path }),
    articles: (params) => get("articles/", params),
    authors: (params) => get("authors/", params),
    /** Topics with live articles in one edition, named in its language. */
    topics: (params) => get("topics/", params).then((page) => page.results),
    /** A draft, by the signed token the CMS put in the preview URL. */
    preview: (token, contentType) =>
        get("preview/", { token, content_type: contentType }, { cache: "no-store" }),
};
