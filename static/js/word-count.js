/*
 * The article body's word count and reading time, live in the editor.
 *
 * The count is the server's (blog/word_count.py), the same rule the API
 * serves: this script only posts the form when it changes and shows the
 * answer under the body's heading and in the Checks panel's metrics, where
 * Wagtail would otherwise count the whole preview page.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  const url = script.dataset.wordCountUrl;
  const form = document.querySelector("form[data-edit-form]");
  const body = document.getElementById("panel-child-content-body-section");
  if (!url || !form || !body) {
    return;
  }

  const status = document.createElement("p");
  status.className = "newsroom-word-count";
  status.setAttribute("role", "status");
  status.setAttribute("data-newsroom-word-count", "");
  body.querySelector(".w-panel__header")?.after(status);

  let latest = null;
  let pending = null;

  function showInChecksPanel() {
    if (!latest) {
      return;
    }
    const words = document.querySelector("[data-content-word-count]");
    const minutes = document.querySelector("[data-content-reading-time]");
    if (words) {
      words.textContent = String(latest.words);
      words.title = script.dataset.checksHint;
    }
    if (minutes) {
      minutes.textContent = latest.label.split(" · ")[1];
    }
  }

  async function count() {
    if (!form.querySelector('[name="body-count"]')) {
      // The StreamField has not written its fields yet.
      countSoon();
      return;
    }
    const data = new FormData(form);
    const response = await fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-CSRFToken": data.get("csrfmiddlewaretoken") },
    });
    // Only the count's own answer: a sign-in page after the session ran
    // out, say, is no count (the editor shows its own notice for that).
    const type = response.headers.get("Content-Type") || "";
    if (!response.ok || !type.startsWith("application/json")) {
      return;
    }
    latest = await response.json();
    status.textContent = latest.label;
    status.dataset.words = String(latest.words);
    showInChecksPanel();
  }

  function countSoon() {
    clearTimeout(pending);
    pending = setTimeout(count, 500);
  }

  form.addEventListener("input", countSoon);
  form.addEventListener("change", countSoon);
  // Draftail and StreamField changes that fire no input event (a block
  // added, moved or deleted) still mark the form as changed.
  document.addEventListener("w-unsaved:add", countSoon);
  // Wagtail writes its own figure, from the whole preview page, when its
  // checks run; ours, from the body alone, replaces it just after.
  document.addEventListener("w-preview:content", () => setTimeout(showInChecksPanel));
  count();
})();
