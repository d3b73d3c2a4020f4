/* Attendance sheet of a training: choosing an absence sets the hours to 0, choosing
   a presence puts back the session's duration (the server does the same without
   JavaScript, and refuses hours for an absence). */
(function () {
  "use strict";
  var form = document.querySelector("form[data-attendance-sheet]");
  if (!form) { return; }
  var duration = form.dataset.duration;
  form.querySelectorAll("tr[data-relais]").forEach(function (row) {
    var status = row.querySelector("[data-attendance-status]");
    var hours = row.querySelector("[data-attendance-hours]");
    status.addEventListener("change", function () {
      if (status.value === "present") {
        if (!hours.value || Number(hours.value) === 0) { hours.value = duration; }
      } else if (status.value) {
        hours.value = "0";
      }
    });
  });
})();
