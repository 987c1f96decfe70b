/**
 * A tiny HTML templating helper: `html` is a tagged template that escapes
 * every interpolated value, so text from the API can never become markup by
 * accident. Markup the CMS rendered on purpose (rich text, embeds) is passed
 * through with `raw()`, which makes that trust visible at the call site.
 */

import { formatDate } from "./strings.js";

class RawHTML {
    constructor(value) {
        this.value = String(value ?? "");
    }
    toString() {
        return this.value;
    }
}

/** Mark a string as HTML that is safe to insert as is. */
export function raw(value) {
    return new RawHTML(value);
}

const ESCAPES = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escape(value) {
    return String(value ?? "").replace(/[&<>"']/g, (char) => ESCAPES[char]);
}

function render(value) {
    if (value === null || value === undefined || value === false) return "";
    if (value instanceof RawHTML) return value.value;
    if (Array.isArray(value)) return value.map(render).join("");
    return escape(value);
}

/** html`<p>${text}</p>` → a RawHTML whose interpolations are escaped. */
export function html(strings, ...values) {
    let out = strings[0];
    values.forEach((value, i) => {
        out += render(value) + strings[i + 1];
    });
    return raw(out);
}

/** A <time> element for an ISO 8601 date-time, shown as "2 December 2024" (in the page's language). */
export function time(iso) {
    if (!iso) return "";
    return html`<time datetime="${iso}">${formatDate(new Date(iso))}</time>`;
}
