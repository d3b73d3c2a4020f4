/* Orientation picker: search-as-you-type. Without this script the "Chercher"
   button submits the form and the server narrows the list (same result). */
(function () {
  "use strict";
  function escapeText(text) {
    var span = document.createElement("span");
    span.textContent = text;
    return span.innerHTML;
  }
  document.querySelectorAll("[data-service-picker]").forEach(function (picker) {
    var input = picker.querySelector("input[type=search]");
    var found = picker.querySelector(".service-picker-found");
    var name = picker.dataset.name;
    var timer = null;
    var latest = 0;
    function render(results) {
      var checked = new Set(Array.from(
        picker.querySelectorAll("input[type=checkbox]:checked")).map(function (box) { return box.value; }));
      found.innerHTML = results.filter(function (item) { return !checked.has(String(item.id)); })
        .map(function (item) {
          var id = input.id.replace(/_q$/, "") + "_" + item.id;
          return '<div class="form-check"><input class="form-check-input" type="checkbox" name="' +
            escapeText(name) + '" value="' + item.id + '" id="' + id + '"> <label class="form-check-label" for="' +
            id + '">' + escapeText(item.name) + "</label></div>";
        }).join("");
    }
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") { event.preventDefault(); }
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var term = input.value.trim();
        var ticket = ++latest;
        if (!term) { render([]); return; }
        fetch(picker.dataset.searchUrl + "?q=" + encodeURIComponent(term), {
          headers: { "Accept": "application/json" }, credentials: "same-origin"
        }).then(function (response) { return response.ok ? response.json() : { results: [] }; })
          .then(function (data) { if (ticket === latest) { render(data.results); } });
      }, 200);
    });
  });
})();
