/*
 * The Frontend preview's first stop: open the frontend's preview route if
 * the frontend answers, otherwise say what is wrong and how to start it
 * (an iframe pointed at a server that is down shows an empty page).
 *
 * The check runs in the editor's browser, which is what will load the
 * frontend, not on the CMS server, whose network may see other hosts.
 */
(function () {
  "use strict";

  const url = document.body.dataset.frontendUrl;
  const waiting = document.querySelector("[data-handoff-waiting]");
  const unreachable = document.querySelector("[data-handoff-unreachable]");
  const TIMEOUT_MS = 5000;

  async function handOff() {
    waiting.hidden = false;
    unreachable.hidden = true;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
    try {
      // An opaque answer is enough: any answer means a server is there.
      await fetch(url, {
        mode: "no-cors",
        cache: "no-store",
        signal: controller.signal,
      });
      window.location.replace(url);
    } catch {
      waiting.hidden = true;
      unreachable.hidden = false;
    } finally {
      clearTimeout(timer);
    }
  }

  document
    .querySelector("[data-handoff-retry]")
    .addEventListener("click", handOff);
  handOff();
})();
