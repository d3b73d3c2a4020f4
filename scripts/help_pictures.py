"""Draw the pictures of the relais help (templates/help/for_relais.html): one small
phone screenshot per step, cropped to the part of the screen the step talks about,
with what to touch outlined.

    DEBUG=true .venv/bin/python scripts/help_pictures.py [--out static/img/help]

It starts the app on a throw-away test database filled by `load_demo`, with the
clock stopped on a fixed day (so the dates and amounts shown never change), opens
Chromium at phone size and signs in as the demo relais Fatima (`relais1`), in
French. Each picture is encoded as WebP by Chromium itself (no image library), 320
CSS pixels wide at twice the density, and must weigh at most 20 KB.
"""

import argparse
import base64
import io
import os
import sys
import tempfile
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tisseurs.settings")
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import django  # noqa: E402

django.setup()

import time_machine  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.staticfiles.handlers import StaticFilesHandler  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test.runner import DiscoverRunner  # noqa: E402
from django.test.testcases import LiveServerThread  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

# The last day of a month: the demo's outings and expenses are in it, and the month
# may be sent without the "month not over" warning.
TODAY = datetime(2026, 3, 31, 17, 30, tzinfo=ZoneInfo("Europe/Brussels"))
PASSWORD = "help-pictures"  # nosec B105  # demo accounts of a throw-away database
WIDTH = 320  # CSS pixels, the narrowest phone the relais pages are made for
MAX_BYTES = 20_000
CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")


def start_server() -> str:
    """A throw-away test database (a file, so the server's threads share it) and a
    live server, as scripts/measure_offline.py does."""
    setup_test_environment()
    database = Path(tempfile.mkdtemp()) / "help.sqlite3"
    connections["default"].settings_dict.setdefault("TEST", {})["NAME"] = str(database)
    DiscoverRunner(verbosity=0, interactive=False).setup_databases()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {
            "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        },
    }
    server = LiveServerThread("localhost", StaticFilesHandler, port=0)
    server.daemon = True
    server.start()
    server.is_ready.wait()
    if server.error:
        raise server.error
    return f"http://localhost:{server.port}"


# The outline drawn around what the step says to touch: the app's focus colour.
OUTLINE = "3px solid #ffbf47"
# Chromium's own encoder, in a blank page: PNG in, WebP out, at the highest
# quality that stays under MAX_BYTES.
TO_WEBP = """async ([png, maxBytes]) => {
    const image = new Image();
    image.src = "data:image/png;base64," + png;
    await image.decode();
    const canvas = document.createElement("canvas");
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    canvas.getContext("2d").drawImage(image, 0, 0);
    for (let quality = 80; quality >= 20; quality -= 5) {
        const url = canvas.toDataURL("image/webp", quality / 100);
        const data = url.slice(url.indexOf(",") + 1);
        if (data.length * 3 / 4 <= maxBytes) return data;
    }
    return null;
}"""


def crop(page, top, bottom, *, touch=None, nav=False) -> bytes:
    """A PNG of the page between the tops of the `top` and the bottoms of the
    `bottom` locators (full width), `touch` outlined, the bottom navigation
    hidden unless `nav`."""
    page.evaluate(
        "(show) => { const nav = document.querySelector('nav.bottom-nav');"
        " if (nav) nav.style.visibility = show ? '' : 'hidden'; }",
        nav,
    )
    if touch is not None:
        touch.evaluate(
            "(el, outline) => { el.style.outline = outline;"
            " el.style.outlineOffset = '2px'; }",
            OUTLINE,
        )
    page.evaluate("() => document.activeElement && document.activeElement.blur()")
    scroll = page.evaluate("() => window.scrollY")
    upper = top.bounding_box()["y"] + scroll - 8
    lower = bottom.bounding_box()
    lower = lower["y"] + lower["height"] + scroll + 8
    return page.screenshot(
        clip={"x": 0, "y": upper, "width": WIDTH, "height": lower - upper},
        full_page=True,
        animations="disabled",
        caret="hide",
    )


def steps(page):
    """(file name, PNG) for each step of the relais help, in its order."""
    from django.db.models import Count

    from prestations.models import Prestation

    outing = (
        Prestation.objects.filter(relais__user__username="relais1")
        .annotate(count=Count("situations"))
        .order_by("count", "-date", "pk")
        .first()
    )
    page.goto("/aujourdhui/")
    tile = page.locator("a.big-action", has_text="Noter une sortie")
    yield "outing-1-open", crop(page, tile, tile, touch=tile)

    page.goto("/prestations/sortie/")
    # Headless Chromium draws a date field month first whatever the language; a
    # Belgian phone shows the day first.
    page.locator("input[type=date]").evaluate(
        "(el) => { const [y, m, d] = el.value.split('-');"
        " el.type = 'text'; el.value = `${d}/${m}/${y}`; }"
    )
    place = page.locator("fieldset", has_text="Lieu")
    yield (
        "outing-2-ready",
        crop(page, page.locator("main h1"), place.locator(".tile").nth(1)),
    )
    kind = page.locator("fieldset", has_text="Type de prestation")
    yield (
        "outing-3-tiles",
        crop(
            page,
            kind.locator("legend"),
            kind.locator(".tile").nth(3),
            touch=kind.locator(".tile").nth(1),
        ),
    )
    plus = page.locator("#div_id_people_met button", has_text="+")
    plus.click()
    plus.click()
    yield (
        "outing-4-count",
        crop(page, page.locator("#div_id_people_met"), plus, touch=plus),
    )
    save = page.locator("button[name=done]")
    yield (
        "outing-5-save",
        crop(page, page.locator("button[name=add_situation]"), save, touch=save),
    )

    page.goto(outing.get_absolute_url())
    add = page.get_by_role("link", name="Ajouter une situation")
    yield "person-1-add", crop(page, page.locator("main h2"), add, touch=add)

    page.goto(f"/prestations/sortie/{outing.pk}/situation/")
    themes = page.locator("fieldset").first
    yield "person-2-themes", crop(page, themes, themes.locator(".tile").nth(3))
    search = page.locator("[data-service-picker] input[type=search]")
    search.fill("CPAS")
    found = page.locator(".service-picker-found input[type=checkbox]").first
    found.wait_for()
    found.check()
    orientation = page.locator("fieldset", has_text="Orientation")
    yield (
        "person-3-service",
        crop(
            page,
            orientation.locator("legend"),
            page.locator(".service-picker-found").first,
            touch=found,
        ),
    )

    page.goto("/aide/")  # no item of the bar is the current page
    bar = page.locator("nav.bottom-nav")
    bar.get_by_role("link", name="Mon mois").evaluate(
        "(el, outline) => { el.style.outline = outline;"
        " el.style.outlineOffset = '-3px'; }",
        OUTLINE,
    )
    yield "month-1-open", bar.screenshot(animations="disabled")

    page.goto("/prestations/mon-mois/")
    lines = page.locator("main table tbody tr")
    yield (
        "month-2-lines",
        crop(
            page, page.get_by_role("heading", name="Dépenses et forfaits"), lines.nth(2)
        ),
    )
    yield (
        "month-3-follows",
        crop(
            page,
            page.locator("main p.small.text-muted").first,
            page.locator("main .panel").nth(1),
        ),
    )
    expense = page.locator("a.big-action", has_text="Ajouter une dépense")
    yield "month-4-expense", crop(page, expense, expense, touch=expense)
    send = page.locator("a.big-action", has_text="Envoyer mon mois")
    yield "month-5-send", crop(page, send, send, touch=send)

    send.click()
    page.wait_for_load_state("networkidle")
    again = page.locator("main button[type=submit]").last
    yield (
        "month-6-confirm",
        crop(page, page.locator("main .panel").first, again, touch=again),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "static/img/help")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with time_machine.travel(TODAY, tick=False):
        url = start_server()
        call_command("load_demo", password=PASSWORD, stdout=io.StringIO())
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=["--headless", "--no-sandbox"],
                # The date field shows the day first, as in Belgium.
            )
            context = browser.new_context(
                viewport={"width": WIDTH, "height": 700},
                device_scale_factor=2,
                is_mobile=True,
                has_touch=True,
                locale="fr-BE",
                base_url=url,
                service_workers="block",
            )
            page = context.new_page()
            page.goto("/connexion/")
            page.fill("input[name=username]", "relais1")
            page.fill("input[name=password]", PASSWORD)
            page.click("button[type=submit]")
            page.wait_for_load_state("networkidle")
            encoder = browser.new_page()
            too_big = []
            for name, png in steps(page):
                webp = encoder.evaluate(
                    TO_WEBP, [base64.b64encode(png).decode(), MAX_BYTES]
                )
                if webp is None:
                    too_big.append(name)
                    continue
                data = base64.b64decode(webp)
                (args.out / f"{name}.webp").write_bytes(data)
                sys.stdout.write(f"{name}.webp {len(data)} bytes\n")
            browser.close()
    if too_big:
        sys.stderr.write(f"over {MAX_BYTES} bytes: {', '.join(too_big)}\n")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
