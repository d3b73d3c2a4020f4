// "Noter une sortie", fewer taps (progressive enhancement: without JavaScript the
// form shows every field, as the server expects):
// - 1 h / 2 h / 3 h: sets the end time from the start time when one is typed,
//   else the duration;
// - the km field shows only for car and bike, the ticket and its receipt only for
//   public transport (a field that holds an error always shows).
(function () {
  "use strict";
  var form = document.querySelector("form[enctype='multipart/form-data']");
  if (!form) return;

  var choices = form.querySelector("[data-duration-choices]");
  if (choices) {
    choices.hidden = false;
    var start = form.elements.start_time;
    var end = form.elements.end_time;
    var duration = form.elements.duration_minutes;
    choices.addEventListener("click", function (event) {
      var button = event.target.closest("button[data-minutes]");
      if (!button) return;
      var minutes = Number(button.dataset.minutes);
      if (start && end && start.value) {
        var parts = start.value.split(":");
        var total = Math.min(Number(parts[0]) * 60 + Number(parts[1]) + minutes, 23 * 60 + 59);
        end.value = String(Math.floor(total / 60)).padStart(2, "0") + ":" +
          String(total % 60).padStart(2, "0");
        end.dispatchEvent(new Event("change", { bubbles: true }));
      } else if (duration) {
        duration.value = String(minutes);
        duration.dispatchEvent(new Event("change", { bubbles: true }));
      }
      choices.querySelectorAll("button").forEach(function (other) {
        other.setAttribute("aria-pressed", String(other === button));
      });
    });
  }

  var groups = form.querySelectorAll("[data-travel-modes]");
  var modes = form.querySelectorAll("input[name=travel_mode]");
  function showTravelFields() {
    var checked = form.querySelector("input[name=travel_mode]:checked");
    var mode = checked ? checked.value : "";
    groups.forEach(function (group) {
      var wanted = group.dataset.travelModes.split(" ").indexOf(mode) !== -1;
      group.hidden = !wanted && !group.querySelector(".is-invalid, .invalid-feedback");
    });
  }
  if (groups.length && modes.length) {
    // On the form, not the radios: a draft or an outbox entry put back into the
    // form (static/js/outbox.js) announces itself with one change on the form.
    form.addEventListener("change", showTravelFields);
    showTravelFields();
  }
})();
