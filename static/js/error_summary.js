// After a refused save: move the focus to the error summary at the top of the form
// (templates/includes/error_summary.html), and let each of its links put the focus
// on its field, scrolled clear of the header and the bottom bar. Without
// JavaScript the summary is still first on the page and its links still jump.
(function () {
  "use strict";
  var summary = document.querySelector("[data-error-summary]");
  if (!summary) return;
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    if (!link) return;
    var target = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (!target) return;
    var field = target.matches("input, select, textarea")
      ? target
      : target.querySelector("input:not([type=hidden]), select, textarea");
    if (!field) return;
    event.preventDefault();
    var box = field.closest("fieldset, .mb-3") || field;
    box.scrollIntoView({ block: "start" });
    field.focus({ preventScroll: true });
  });
})();
