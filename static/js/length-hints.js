/*
 * Headline, SEO title and meta description: their length, as the writer
 * types, against what search results and social cards show before they cut
 * the text off. The limits come from the server (blog/editor_aids.py).
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const limits = JSON.parse(script.dataset.limits || "{}");
  const words = JSON.parse(script.dataset.words || "{}");

  function describe(length, fieldLimits) {
    const parts = fieldLimits.map(({ limit, where }) =>
      length > limit
        ? words.over.replace("%(where)s", where).replace("%(limit)s", limit)
        : words.within.replace("%(where)s", where).replace("%(limit)s", limit),
    );
    return [words.count.replace("%(count)s", length), ...parts].join(" · ");
  }

  Object.entries(limits).forEach(([name, fieldLimits]) => {
    const field = document.querySelector(
      `form[data-edit-form] [name="${name}"]`,
    );
    if (!field) {
      return;
    }
    const hint = document.createElement("p");
    hint.className = "newsroom-length";
    hint.id = `${field.id}-length`;
    hint.setAttribute("aria-live", "polite");
    field.after(hint);
    const describedBy = field.getAttribute("aria-describedby");
    field.setAttribute(
      "aria-describedby",
      describedBy ? `${describedBy} ${hint.id}` : hint.id,
    );

    function update() {
      const length = field.value.trim().length;
      hint.textContent = describe(length, fieldLimits);
      hint.classList.toggle(
        "newsroom-length--over",
        fieldLimits.some(({ limit }) => length > limit),
      );
    }
    field.addEventListener("input", update);
    update();

    // A headline wraps rather than scrolls out of sight, yet stays one line
    // of text: Enter does not start a new line in it.
    if (field.tagName === "TEXTAREA" && field.dataset.singleLine !== undefined) {
      field.addEventListener("keydown", (event) => {
        if (event.key === "Enter") {
          event.preventDefault();
        }
      });
    }
  });
})();
