// Page repairs for stock ipywidgets and rendered outputs in the Healing Workbook
// (Voila only).
//
// 1. A slider handle (role="slider") has no accessible name in ipywidgets 8, which
//    fails axe's aria-input-field-name rule: give it the text of its widget's label.
// 2. Exercise status lines are re-rendered on each save, so a role on the inner text
//    would be a new element every time and may not be announced: make the lasting
//    container the live region instead (role=status) and keep inner roles out.
// 3. JupyterLab's renderer opens every link of an output in a new tab. A link to
//    another page of the workbook should open in this tab, like any website.
// 4. Row buttons such as "Up" name their row only in their tooltip: use the
//    tooltip ("Move person 2 up") as the accessible name.
// 5. A radio group (RadioButtons) has a visible question but no accessible name,
//    so a screen reader hears only "Not at all, radio button": name the group.
// 6. Voila shuts a page's kernel down when the tab closes by posting the page's
//    _xsrf cookie, but Voila 0.5 never sets that cookie, so the post is refused
//    (voila-dashboards/voila#1458) and every page visited keeps a kernel running.
//    Set a random token first: the post then carries the same value as the cookie
//    (the double-submit check tornado performs), and the kernel ends, saving any
//    pending answer on its way out.
// 7. Nothing on the page is a landmark, so a screen reader cannot jump to the
//    content: the rendered cells are the page's main region.
// 8. A link to a place on a page (stories.ipynb#lost-love--the-empty-room) arrives
//    before Voila has shown the cells, so the browser cannot scroll to it: once the
//    place exists, scroll to it and move the focus there.
// 9. The page says when it is whole. Voila shows the cells before the widgets in
//    them have rendered, so a keyboard user (or a test) starting at once meets a
//    half-built page. Once the cells are shown, every output has rendered and the
//    page has been still for a moment, the body gets data-hw-ready="true".
//    data-hw-settled="true" says the repairs above have caught up with the latest
//    change to the page.
(function () {
  "use strict";
  var scheduled = false;
  var ready = false;
  var quietTimer = null;
  // How long the page must stay unchanged, once whole, before it counts as ready.
  var QUIET_MS = 250;

  var arrivedAt = false;

  function goToLinkedPlace() {
    if (arrivedAt || !window.location.hash) {
      return;
    }
    var place = document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    var cells = document.getElementById("rendered_cells");
    if (!place || (cells && cells.style.display === "none")) {
      return;
    }
    arrivedAt = true;
    if (!place.hasAttribute("tabindex")) {
      place.setAttribute("tabindex", "-1");
    }
    place.scrollIntoView({ block: "start" });
    place.focus({ preventScroll: true });
  }

  function repair() {
    scheduled = false;
    goToLinkedPlace();
    var cells = document.getElementById("rendered_cells");
    if (cells && cells.getAttribute("role") !== "main") {
      cells.setAttribute("role", "main");
    }
    document.querySelectorAll('a[target="_blank"]').forEach(function (link) {
      if (link.origin === window.location.origin && /\.ipynb$/.test(link.pathname)) {
        link.removeAttribute("target");
      }
    });
    document.querySelectorAll(".hw-name-from-tooltip[title]").forEach(function (button) {
      if (button.getAttribute("aria-label") !== button.title) {
        button.setAttribute("aria-label", button.title);
      }
    });
    document.querySelectorAll(".widget-radio").forEach(function (radio) {
      var label = radio.querySelector(":scope > .widget-label");
      var box = radio.querySelector(".widget-radio-box");
      var name = label ? label.textContent.trim() : "";
      if (box && name && box.getAttribute("aria-label") !== name) {
        box.setAttribute("role", "radiogroup");
        box.setAttribute("aria-label", name);
      }
    });
    document.querySelectorAll(".widget-slider").forEach(function (slider) {
      var label = slider.querySelector(".widget-label");
      var name = label ? label.textContent.trim() : "";
      slider.querySelectorAll('[role="slider"]').forEach(function (handle) {
        if (name && handle.getAttribute("aria-label") !== name) {
          handle.setAttribute("aria-label", name);
        }
      });
    });
    document.querySelectorAll(".hw-status").forEach(function (region) {
      if (region.getAttribute("role") !== "status") {
        region.setAttribute("role", "status");
        region.setAttribute("aria-live", "polite");
      }
      region.querySelectorAll("[role]").forEach(function (inner) {
        inner.removeAttribute("role");
        inner.removeAttribute("aria-live");
      });
    });
    document.body.setAttribute("data-hw-settled", "true");
    markReadyWhenQuiet();
  }

  function pageIsWhole() {
    var cells = document.getElementById("rendered_cells");
    if (!cells || cells.style.display === "none") {
      return false;
    }
    if (document.querySelector('script[type="application/vnd.voila.cell-output+json"]')) {
      return false; // outputs not yet handed to their renderers
    }
    var outputs = document.querySelectorAll(".jp-OutputArea-output");
    if (!outputs.length) {
      return false;
    }
    for (var i = 0; i < outputs.length; i++) {
      if (outputs[i].children.length === 0) {
        return false; // a widget view still waiting for its model
      }
    }
    return true;
  }

  function markReadyWhenQuiet() {
    if (quietTimer !== null) {
      window.clearTimeout(quietTimer);
      quietTimer = null;
    }
    if (ready || !pageIsWhole()) {
      return;
    }
    quietTimer = window.setTimeout(function () {
      quietTimer = null;
      if (!scheduled && pageIsWhole()) {
        ready = true;
        document.body.setAttribute("data-hw-ready", "true");
      }
    }, QUIET_MS);
  }

  function schedule() {
    document.body.setAttribute("data-hw-settled", "false");
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(repair);
    }
  }

  function ensureXsrfCookie() {
    if (/(^|;\s*)_xsrf=/.test(document.cookie)) {
      return;
    }
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    var token = Array.prototype.map
      .call(bytes, function (b) {
        return ("0" + b.toString(16)).slice(-2);
      })
      .join("");
    var base = window.location.pathname.split("/voila/")[0] + "/";
    document.cookie = "_xsrf=" + token + "; path=" + base + "; SameSite=Strict";
  }

  function start() {
    ensureXsrfCookie();
    document.documentElement.setAttribute("lang", "en");
    new MutationObserver(schedule).observe(document.body, { childList: true, subtree: true });
    schedule();
  }

  if (document.body) {
    start();
  } else {
    document.addEventListener("DOMContentLoaded", start);
  }
})();
