"""Under the strict Content-Security-Policy, Chromium reports no violation on the
pages that use our scripts and styles, the steppers still work, and the styles
moved out of the templates still apply."""

from datetime import timedelta

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import PASSWORD, login
from tests.factories.accounts import make_user
from tests.factories.activites import make_activite

WATCH = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
    window.__cspViolations.push(event.violatedDirective + " " + event.blockedURI);
});
"""


def _violations(page) -> list[str]:
    return page.evaluate("window.__cspViolations")


def test_coordination_pages_run_under_the_policy(desktop):
    make_user(role="coordination", username="camille", password=PASSWORD)
    past = make_activite(start=timezone.now() - timedelta(hours=3))
    desktop.add_init_script(WATCH)
    console = []
    desktop.on("console", lambda message: console.append(message.text))
    login(desktop, "camille")
    assert _violations(desktop) == []

    response = desktop.goto(f"/activites/{past.pk}/frequentation/")
    assert "unsafe-inline" not in response.headers["content-security-policy"]
    assert "no-store" in response.headers["cache-control"]
    form = desktop.locator("form.form-narrow")
    assert form.evaluate("f => getComputedStyle(f).maxWidth") == "640px"
    total = desktop.locator("input[name=total]")
    before = int(total.input_value() or 0)
    desktop.locator(".stepper", has=total).get_by_role("button").nth(1).click()
    expect(total).to_have_value(str(before + 1))

    for path in ("/coordination/", "/ressources/", "/rapports/"):
        desktop.goto(path)
        desktop.wait_for_load_state("networkidle")
    assert _violations(desktop) == []
    assert not [text for text in console if "Content Security Policy" in text]

    # The watch itself works: an inline style is blocked and reported.
    desktop.evaluate("document.body.setAttribute('style', 'color: red')")
    desktop.wait_for_function("window.__cspViolations.length > 0")
    assert _violations(desktop)[0].startswith("style-src")
