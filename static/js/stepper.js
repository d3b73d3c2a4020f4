// Progressive enhancement: − / + buttons next to number inputs marked data-stepper.
// Without JavaScript the plain number input still works.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("input[data-stepper]").forEach((input) => {
    if (input.closest(".stepper")) return;
    const wrap = document.createElement("div");
    wrap.className = "stepper";
    // Bootstrap shows `.invalid-feedback` after an `.is-invalid` sibling: the
    // wrapper takes the input's place, so it carries the flag for the error text.
    if (input.classList.contains("is-invalid")) wrap.classList.add("is-invalid");
    input.parentNode.insertBefore(wrap, input);
    const make = (label, delta, text) => {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "btn btn-outline-primary";
      b.textContent = text;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", () => {
        const step = Number(input.step || 1);
        const min = input.min === "" ? -Infinity : Number(input.min);
        const max = input.max === "" ? Infinity : Number(input.max);
        const next = Math.min(max, Math.max(min, Number(input.value || 0) + delta * step));
        input.value = String(next);
        input.dispatchEvent(new Event("change", { bubbles: true }));
      });
      return b;
    };
    wrap.appendChild(make(input.dataset.stepperMinus || "−1", -1, "−"));
    wrap.appendChild(input);
    wrap.appendChild(make(input.dataset.stepperPlus || "+1", 1, "+"));
  });
});
