"""Measure that the relais' phone never loses an entry (docs/offline.md).

A measurement, not a test: it starts the app on a throw-away test database, opens
Chromium at phone size (390×844) and logs outings as a relais would, some with a
situation and some with a receipt photo, while the network goes off and on at
random moments: between taps (`context.set_offline`), and in the middle of a
request (the request never arrives, or the server stores it and the answer is
lost). Then it brings the network back, reloads, and counts, by client key, what
the server holds: lost and duplicated entries. It also counts the taps to log a
bare outing, with and without today's activity offered.

    DEBUG=true .venv/bin/python scripts/measure_offline.py [--outings 100] [--seed 1]

Results go to the README (section "Offline"); the script exits non-zero when an
entry is lost or duplicated.
"""

import argparse
import os
import random
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tisseurs.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.db import connections  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from django.utils import timezone  # noqa: E402
from playwright.sync_api import Error as PlaywrightError  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

# nosec B105: the password of a throw-away account in a throw-away test database.
PASSWORD = "measure-pass-123"  # nosec B105
PHONE = {
    "viewport": {"width": 390, "height": 844},
    "device_scale_factor": 2,
    "is_mobile": True,
    "has_touch": True,
}
# The smallest JPEG header the receipt check accepts (tisseurs/uploads.py).
RECEIPT = {"name": "ticket.jpg", "mimeType": "image/jpeg", "buffer": b"\xff\xd8\xff"}
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def start_server() -> str:
    """A throw-away test database and a live server. The database is a file, not
    SQLite's usual in-memory test database: that one is a single connection the
    server's threads would share, and the phone sends requests in parallel (the
    outbox in the background while the relais saves), as real phones do."""
    setup_test_environment()
    database = Path(tempfile.mkdtemp()) / "measure.sqlite3"
    connections["default"].settings_dict.setdefault("TEST", {})["NAME"] = str(database)
    DiscoverRunner(verbosity=0, interactive=False).setup_databases()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    shared = {}
    for connection in connections.all():
        if connection.vendor == "sqlite" and connection.is_in_memory_db():
            connection.inc_thread_sharing()
            shared[connection.alias] = connection
    server = LiveServerThread(
        "localhost", StaticFilesHandler, connections_override=shared, port=0
    )
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return f"http://localhost:{server.port}"


def make_relais_account(username: str):
    from tests.factories.relais import make_relais

    relais = make_relais(first_name="Mesure", last_name=username)
    relais.user.username = username
    relais.user.set_password(PASSWORD)
    relais.user.save()
    return relais


class Taps:
    """Counts the taps of a flow: every click, fill or select the relais makes."""

    def __init__(self, page):
        self.page = page
        self.count = 0

    def click(self, locator):
        self.count += 1
        locator.click()


def login(page, username: str) -> None:
    page.goto("/connexion/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_load_state("networkidle")


# The service worker has kept the outing form, the outbox page and the situation
# form of a waiting outing (page.evaluate awaits the promise; wait_for_function
# would take the promise itself as true).
PAGES_KEPT = """caches.open('tisseurs-pages').then(c => c.keys()).then(keys =>
    keys.some(r => r.url.endsWith('/prestations/hors-ligne/'))
    && keys.some(r => r.url.endsWith('/prestations/sortie/'))
    && keys.some(r => r.url.includes('/cle/00000000-0000-0000-0000-000000000000/')))"""


def wait_for_worker(page) -> None:
    page.goto("/aujourdhui/")
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    deadline = time.monotonic() + 20
    while not page.evaluate(PAGES_KEPT):
        if time.monotonic() > deadline:
            raise RuntimeError("the service worker kept no pages")
        time.sleep(0.2)


def measure_taps(page) -> dict:
    """Taps to log a bare outing from the relais home, after the first one (the
    form then offers the last place and kind)."""
    from activites.models import Activite
    from tests.factories.activites import make_activite, make_affectation, make_stop

    results = {}
    relais = make_relais_account("taps")
    login(page, "taps")
    # Without an activity: the first outing ever (nothing pre-selected) ...
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="Noter une sortie").first)
    taps.click(page.get_by_text("Point mobile (triporteur)"))
    taps.click(page.get_by_text("Tournée de rue"))
    taps.click(page.get_by_role("button", name="Enregistrer (pas de situation)"))
    page.wait_for_url("**/prestations/sortie/*/")
    results["first outing, no activity"] = taps.count
    # ... and the next ones (last place and kind pre-selected).
    page.goto("/aujourdhui/")
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="Noter une sortie").first)
    taps.click(page.get_by_role("button", name="Enregistrer (pas de situation)"))
    page.wait_for_url("**/prestations/sortie/*/")
    results["next outing, no activity"] = taps.count
    # With today's activity offered (a round marked done, the relais confirmed).
    start = timezone.localtime().replace(hour=0, minute=10, second=0, microsecond=0)
    activite = make_activite(
        kind=Activite.Kind.ROUND,
        title="Tournée de mesure",
        start=start,
        end=start + timedelta(minutes=50),
        stop=make_stop(),
        place="",
        status=Activite.Status.DONE,
    )
    make_affectation(activite, relais)
    page.goto("/aujourdhui/")
    taps = Taps(page)
    taps.click(page.get_by_role("link", name="Noter une sortie").first)
    taps.click(page.get_by_role("link", name="Tournée de mesure · 00:10"))
    taps.click(page.get_by_role("button", name="Enregistrer (pas de situation)"))
    page.wait_for_url("**/prestations/sortie/*/")
    results["outing from today's activity"] = taps.count
    page.context.clear_cookies()
    return results


KEY_INPUT = "form[data-outbox] input[name=client_uuid]"


def say(text: str) -> None:
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def form_key(page) -> str:
    return page.locator(KEY_INPUT).input_value()


def log_outings(page, rng: random.Random, count: int) -> dict:
    """Log `count` outings with the network failing at random; returns the keys of
    every outing and situation the relais saved (on the server or in the outbox)."""
    expected = {"outings": set(), "situations": set(), "queued": 0, "toggles": 0}
    state = {"offline": False}

    def flaky(route):
        # Some requests die on the way; some answers die on the way back.
        try:
            if route.request.method == "POST" and rng.random() < 0.2:
                if rng.random() < 0.5:
                    route.fetch()
                route.abort("connectionreset")
            else:
                route.fallback()
        except PlaywrightError:
            pass  # the page went away meanwhile (the phone was offline)

    page.route("**/prestations/**", flaky)

    def maybe_toggle():
        if rng.random() < 0.3:
            state["offline"] = not state["offline"]
            expected["toggles"] += 1
            page.context.set_offline(state["offline"])

    for number in range(count):
        maybe_toggle()
        page.goto("/prestations/sortie/")
        page.wait_for_selector(KEY_INPUT, state="attached")
        notice = page.locator(".outbox-notice button")
        if notice.count():
            notice.click()  # a draft from an interrupted try: start clean
            page.wait_for_selector(KEY_INPUT, state="attached")
        page.get_by_text(
            rng.choice(["Point mobile (triporteur)", "Dans l'espace public"])
        ).click()
        page.get_by_text("Tournée de rue").click()
        page.locator("input[name=people_met]").fill(str(rng.randint(0, 20)))
        if rng.random() < 0.2:
            page.get_by_text("Transports en commun").click()
            page.locator("input[name=travel_ticket_amount]").fill("2.10")
            page.locator("input[name=travel_receipt]").set_input_files(RECEIPT)
        else:
            page.get_by_text("À pied / pas de frais").click()
        with_situation = rng.random() < 0.3
        expected["outings"].add(form_key(page))
        maybe_toggle()
        button = (
            "Enregistrer et noter une situation"
            if with_situation
            else "Enregistrer (pas de situation)"
        )
        page.get_by_role("button", name=button).click()
        # Saved, or kept in the outbox: either way the phone moves on.
        page.wait_for_url(lambda url: not url.endswith("/prestations/sortie/"))
        expected["queued"] += page.url.endswith("/prestations/hors-ligne/")
        if with_situation and "/situation/" in page.url:
            page.locator(".tile label").first.click()
            page.get_by_label("Langue utilisée").select_option("fr")
            expected["situations"].add(form_key(page))
            maybe_toggle()
            page.get_by_role("button", name="Enregistrer, c'est fini").click()
            page.wait_for_url(lambda url: "/situation/" not in url)
            expected["queued"] += page.url.endswith("/prestations/hors-ligne/")
        if number % 10 == 9:
            say(f"  {number + 1} outings logged")

    page.unroute("**/prestations/**")
    page.context.set_offline(False)
    return expected


def drain(page, timeout: float = 120) -> int:
    """Network back: send what waits until the outbox is empty (or only holds
    entries to correct). Returns what is left."""
    deadline = time.monotonic() + timeout
    page.goto("/prestations/hors-ligne/")
    while True:
        page.evaluate("window.tisseursOutbox.flush(true)")
        left = page.evaluate("window.tisseursOutbox.entries().then(e => e.length)")
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(1)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--outings", type=int, default=100)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    base_url = start_server()

    from prestations.models import Prestation, Situation

    # nosec B311: chooses when the network fails, repeatably (a seed); not secret.
    rng = random.Random(args.seed)  # nosec B311
    started = time.monotonic()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--headless"]
        )
        context = browser.new_context(**PHONE, locale="fr-BE", base_url=base_url)
        context.set_default_timeout(20_000)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialog.accept())
        taps = measure_taps(page)

        relais = make_relais_account("mesure")
        login(page, "mesure")
        wait_for_worker(page)
        expected = log_outings(page, rng, args.outings)
        left = drain(page)
        page.reload()
        browser.close()

    outings = Prestation.objects.filter(relais=relais)
    situations = Situation.objects.filter(prestation__relais=relais)
    stored = {str(key) for key in outings.values_list("client_uuid", flat=True)}
    stored_situations = {
        str(key) for key in situations.values_list("client_uuid", flat=True)
    }
    results = {
        "outings logged": len(expected["outings"]),
        "situations logged": len(expected["situations"]),
        "outings stored": outings.count(),
        "situations stored": situations.count(),
        "with a receipt": outings.exclude(travel_receipt="").count(),
        "network switched off or on": expected["toggles"],
        "entries that went through the outbox": expected["queued"],
        "lost": len(expected["outings"] - stored)
        + len(expected["situations"] - stored_situations),
        "duplicated": outings.count()
        - len(stored)
        + situations.count()
        - len(stored_situations),
        "left in the outbox": left,
        "minutes": round((time.monotonic() - started) / 60, 1),
    }
    for name, value in results.items():
        say(f"{name}: {value}")
    for name, value in taps.items():
        say(f"taps, {name}: {value}")
    return 1 if results["lost"] or results["duplicated"] else 0


if __name__ == "__main__":
    sys.exit(main())
