// The admin export page's "Select all" toggle (django-import-export): the library
// binds it with an inline onchange attribute, which the Content-Security-Policy
// blocks, so bind it here. Ticking or unticking it ticks or unticks every field.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input.select-toggle").forEach((toggle) => {
    toggle.addEventListener("change", () => {
      document
        .querySelectorAll('.selectable-field-export-row input[type="checkbox"]')
        .forEach((checkbox) => {
          checkbox.checked = toggle.checked;
        });
    });
  });
});
