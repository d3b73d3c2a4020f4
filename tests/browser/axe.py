"""axe-core in the browser tests: the vendored engine (tests/data/axe-core-4.14.1/)
is evaluated in the page through the DevTools protocol, so the app's strict CSP,
which forbids inline scripts, stays on."""

from pathlib import Path

AXE_SOURCE = Path(__file__).resolve().parent.parent / "data/axe-core-4.14.1/axe.min.js"


def axe_violations(page) -> list[str]:
    """axe's default rules (WCAG 2 A/AA and best practices) on the page as shown:
    one line per failing node, rule first."""
    if not page.evaluate("() => Boolean(window.axe)"):
        page.evaluate(AXE_SOURCE.read_text(encoding="utf-8"))
    return page.evaluate(
        """async () => {
            const result = await window.axe.run(document);
            return result.violations.flatMap((violation) => violation.nodes.map(
                (node) => `${violation.id}: ${node.target.join(" ")} ` +
                    `${node.failureSummary.replace(/\\s+/g, " ")}`));
        }"""
    )


def overflowing(page) -> list[str]:
    """What sticks out on the right of the viewport (empty when the page does not
    scroll sideways)."""
    return page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            const scrolled = document.documentElement.scrollWidth;
            if (scrolled <= width) return [];
            return [`page ${scrolled}px wide for ${width}px`].concat(
                Array.from(document.querySelectorAll("body *"))
                .filter((el) => el.getBoundingClientRect().right > width + 1)
                .filter((el) => !el.closest(".visually-hidden, .skip-link"))
                .filter((el) => {  // inside a box that scrolls or clips: fine
                    for (let up = el.parentElement; up && up !== document.body;
                        up = up.parentElement) {
                        if (getComputedStyle(up).overflowX !== "visible") return false;
                    }
                    return true;
                })
                .slice(0, 8)
                .map((el) => `${el.tagName.toLowerCase()}.${el.className} ` +
                    `(${Math.round(el.getBoundingClientRect().right)}px): ` +
                    `${(el.textContent || "").trim().slice(0, 40)}`));
        }"""
    )


def small_targets(page, minimum: int = 44) -> list[str]:
    """Links, buttons and summaries smaller than minimum × minimum CSS pixels,
    except links inside a sentence (WCAG 2.5.8's inline exception)."""
    return page.evaluate(
        """(minimum) => Array.from(document.querySelectorAll(
                "main a, main button, main summary, main label.tile, footer a, " +
                "footer button, nav a"))
            .filter((el) => el.offsetParent !== null && !el.closest(".visually-hidden"))
            .filter((el) => !(el.tagName === "A" && el.closest("p, li, td, .alert")
                && el.closest("p, li, td, .alert").textContent.trim() !==
                el.textContent.trim()))
            .map((el) => [el, el.getBoundingClientRect()])
            .filter(([, box]) => Math.min(box.width, box.height) < minimum - 0.5)
            .map(([el, box]) => `${el.tagName.toLowerCase()} "${el.textContent.trim()
                .slice(0, 30)}" ${Math.round(box.width)}×${Math.round(box.height)}`)""",
        minimum,
    )
