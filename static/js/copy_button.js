/* "Copier" next to an address: copies the text of the field named by
   data-copy and says so in the status named by data-copy-status (aria-live).
   Where the clipboard is not available (no permission, an old browser, a page
   not served over https), the address is selected instead so the phone's own
   menu can copy it. Without JavaScript the button stays hidden: the field can
   be selected by hand. */
(function () {
  "use strict";
  document.querySelectorAll("button[data-copy]").forEach(function (button) {
    var field = document.getElementById(button.dataset.copy);
    var status = document.getElementById(button.dataset.copyStatus);
    if (!field || !status) {
      return;
    }
    button.hidden = false;
    function say(text) {
      status.textContent = "";
      window.setTimeout(function () { status.textContent = text; }, 50);
    }
    function selectIt() {
      field.focus();
      field.select();
      field.setSelectionRange(0, field.value.length);
      say(button.dataset.selected);
    }
    button.addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(field.value).then(
          function () { say(button.dataset.copied); },
          selectIt
        );
      } else {
        selectIt();
      }
    });
  });
})();
