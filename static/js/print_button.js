/* Resource card: a "print" link opens the card in the chosen format, then the
   browser's print dialog (without JavaScript the link only opens the format). */
(function () {
  "use strict";
  if (new URLSearchParams(window.location.search).get("print") === "1") {
    window.addEventListener("load", function () { window.print(); });
  }
  document.querySelectorAll("a[data-print]").forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      var url = new URL(link.href);
      url.searchParams.set("print", "1");
      window.location.href = url.toString();
    });
  });
})();
