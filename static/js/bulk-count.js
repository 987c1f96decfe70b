/*
 * The bulk bar's count in the listing's own words: "1 comment selected",
 * not "1 snippet selected". The footer carries the wording
 * (data-bulk-action-strings); Wagtail's bulk actions read it by the
 * footer's type when a row is ticked.
 */
(function () {
  "use strict";

  function register() {
    const footer = document.querySelector("[data-bulk-action-strings]");
    if (!footer || !window.wagtailConfig) {
      return;
    }
    const type = footer.getAttribute("data-bulk-action-footer");
    window.wagtailConfig.STRINGS.BULK_ACTIONS[type] = JSON.parse(
      footer.getAttribute("data-bulk-action-strings"),
    );
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", register);
  } else {
    register();
  }
})();
