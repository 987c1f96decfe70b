/*
 * The schedule dialog's date pickers open under their field and inside the
 * dialog's box. The picker places itself against the whole dialog layer,
 * which left it hanging off the box's left edge; this re-places it once it
 * has opened, and again whenever it moves itself.
 */
(function () {
  "use strict";

  // Wagtail moves the dialog into the page from a template after load, so
  // it is looked up when used, not when this script runs.
  const DIALOG = "#schedule-publishing-dialog";
  const GAP = 4;

  function place(input) {
    const dialog = input.closest(DIALOG);
    if (!dialog) {
      return;
    }
    const box = dialog.querySelector(".w-dialog__box");
    const picker = Array.from(
      dialog.querySelectorAll(".xdsoft_datetimepicker"),
    ).find((element) => getComputedStyle(element).display !== "none");
    if (!box || !picker) {
      return;
    }
    // A fixed picker is placed against the viewport.
    const parent = picker.offsetParent
      ? picker.offsetParent.getBoundingClientRect()
      : { left: 0, top: 0 };
    const field = input.getBoundingClientRect();
    const bounds = box.getBoundingClientRect();
    const width = picker.offsetWidth;
    const left = Math.min(
      Math.max(field.left, bounds.left + GAP),
      bounds.right - width - GAP,
    );
    const top = field.bottom + GAP;
    picker.style.left = `${left - parent.left}px`;
    picker.style.top = `${top - parent.top}px`;
  }

  const FIELDS = "input[name='go_live_at'], input[name='expire_at']";
  let current = null;
  let placing = false;

  function placeCurrent() {
    if (current && !placing) {
      placing = true;
      place(current);
      // The style change made here is seen by the observer: ignore it.
      requestAnimationFrame(() => {
        placing = false;
      });
    }
  }

  document.addEventListener("focusin", (event) => {
    if (event.target.matches(`${DIALOG} :is(${FIELDS})`)) {
      current = event.target;
      setTimeout(placeCurrent, 0);
    }
  });
  // The picker places itself whenever it opens or the window changes:
  // follow each of its moves with ours.
  // (Only while a schedule field has focus: ``current`` is cleared on blur.)
  document.addEventListener("focusout", (event) => {
    if (event.target === current) {
      setTimeout(() => {
        if (document.activeElement !== current) {
          current = null;
        }
      }, 0);
    }
  });
  new MutationObserver(placeCurrent).observe(document.body, {
    subtree: true,
    attributes: true,
    attributeFilter: ["style"],
  });
})();
