"""The pictures of the relais help (scripts/help_pictures.py): one per step, small,
lazy, sized, described in the relais' language, and never precached by the service
worker (they are fetched, then kept, the first time the help page shows them)."""

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from tisseurs.pwa import PRECACHED_STATIC

pytestmark = pytest.mark.django_db

STATIC = Path(settings.BASE_DIR) / "static"
MAX_BYTES = 20_000


class Images(HTMLParser):
    def __init__(self):
        super().__init__()
        self.steps, self.images, self.in_main = 0, [], False

    def handle_starttag(self, tag, attrs):
        if tag == "li" and self.in_main:
            self.steps += 1
        if tag == "img" and self.in_main:
            self.images.append(dict(attrs))

    def feed_main(self, html: str):
        self.in_main = True
        self.feed(html.split("<main", 1)[1].split("</main>", 1)[0])


def help_images(client, language: str) -> Images:
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    parser = Images()
    parser.feed_main(client.get(reverse("help")).content.decode())
    return parser


def webp_size(data: bytes) -> tuple[int, int]:
    """Width and height of a WebP file (simple or extended format)."""
    assert data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if data[12:16] == b"VP8X":
        return (
            1 + int.from_bytes(data[24:27], "little"),
            1 + int.from_bytes(data[27:30], "little"),
        )
    assert data[12:16] == b"VP8 "
    return (
        int.from_bytes(data[26:28], "little") & 0x3FFF,
        int.from_bytes(data[28:30], "little") & 0x3FFF,
    )


def test_each_step_of_the_relais_help_has_a_small_lazy_picture(anna_client):
    page = help_images(anna_client, "fr")
    assert page.steps == len(page.images) == 14
    for image in page.images:
        path = STATIC / image["src"].removeprefix(settings.STATIC_URL)
        data = path.read_bytes()
        assert len(data) <= MAX_BYTES, path.name
        width, height = webp_size(data)
        assert image["loading"] == "lazy"
        assert image["width"] == "320"
        # Drawn at twice the density; the attributes keep the space while loading.
        assert width == 640 and abs(int(image["height"]) * 2 - height) <= 1, path.name
        assert image["alt"].strip()
    assert len({image["alt"] for image in page.images}) == 14


@pytest.mark.parametrize(
    "language,word", [("nl", "omcirkeld"), ("en", "circled"), ("ar", "دائرة")]
)
def test_the_pictures_are_described_in_the_relais_language(anna_client, language, word):
    alts = [image["alt"] for image in help_images(anna_client, language).images]
    assert any(word in alt for alt in alts)
    assert not any("entouré" in alt for alt in alts)


def test_the_pictures_are_only_on_the_help_page_and_never_precached(anna_client):
    home = anna_client.get(reverse("relais_home")).content.decode()
    assert "img/help/" not in home
    assert not [path for path in PRECACHED_STATIC if path.startswith("img/help/")]
    worker = Client().get("/sw.js").content.decode()
    assert not re.search(r"img/help/", worker)


def test_every_picture_file_is_used_by_the_help():
    template = (Path(settings.BASE_DIR) / "templates/help/for_relais.html").read_text()
    for path in (STATIC / "img/help").iterdir():
        assert f"img/help/{path.name}" in template, path.name
