// Accessibility repairs for stock ipywidgets in the Healing Workbook (Voila only).
//
// 1. A slider handle (role="slider") has no accessible name in ipywidgets 8, which
//    fails axe's aria-input-field-name rule: give it the text of its widget's label.
// 2. Exercise status lines are re-rendered on each save, so a role on the inner text
//    would be a new element every time and may not be announced: make the lasting
//    container the live region instead (role=status) and keep inner roles out.
(function () {
  "use strict";
  var scheduled = false;

  function repair() {
    scheduled = false;
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
  }

  function schedule() {
    if (!scheduled) {
      scheduled = true;
      window.requestAnimationFrame(repair);
    }
  }

  function start() {
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
