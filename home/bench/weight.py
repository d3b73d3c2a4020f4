"""Bytes a phone downloads for a page in production: the HTML as the proxy sends it
(gzip, deploy/nginx-tisseurs.conf) and, on a first visit, every stylesheet, script,
image and font the page and its stylesheets refer to, as WhiteNoise sends them (gzip
where it helps). On later visits the static files come from the browser's cache: their
names carry their content hash and they are cacheable for a year."""

import gzip
import re
import urllib.request
from urllib.parse import urljoin

ASSET = re.compile(rb'(?:href|src)="(/static/[^"]+)"')
CSS_URL = re.compile(rb"url\(['\"]?([^)'\"]+)['\"]?\)")


def _fetch(url: str, cookie: str = "", headers=None) -> tuple[bytes, int]:
    """The body and the bytes transferred (compressed when the server compresses)."""
    request = urllib.request.Request(
        url, headers={"Cookie": cookie, "Accept-Encoding": "gzip", **(headers or {})}
    )
    with urllib.request.urlopen(request, timeout=60) as response:  # nosec B310
        raw = response.read()
        compressed = response.headers.get("Content-Encoding") == "gzip"
    return (gzip.decompress(raw) if compressed else raw), len(raw)


def page_weight(base: str, path: str, cookie: str, headers=None) -> tuple[int, int]:
    """(first visit, later visit) bytes for `path`."""
    html, sent = _fetch(base + path, cookie, headers)
    html_bytes = sent if sent < len(html) else len(gzip.compress(html, 6))
    assets = {match.decode() for match in ASSET.findall(html)}
    total = html_bytes
    seen = set()
    while assets:
        asset = assets.pop()
        if asset in seen or asset.startswith("data:"):
            continue
        seen.add(asset)
        body, transferred = _fetch(base + asset, headers=headers)
        total += transferred
        if asset.endswith(".css"):
            for ref in CSS_URL.findall(body):
                ref = ref.decode()
                if not ref.startswith("data:"):
                    assets.add(urljoin(asset, ref.split("#")[0].split("?")[0]))
    return total, html_bytes
