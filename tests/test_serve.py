"""`make serve` (scripts/serve) starts the production stack and answers: DEBUG off,
gunicorn, compressed static files, the security headers, HTTPS required. Run on a
fresh SQLite database in a temporary folder, on a free port."""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from home.bench.weight import page_weight

ROOT = Path(__file__).resolve().parent.parent
HTTPS = {"X-Forwarded-Proto": "https"}  # as the TLS proxy of deploy/ sends it

pytestmark = pytest.mark.serve


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _get(url, headers=None):
    """(status, headers, body) of a GET, redirects not followed."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with opener.open(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    var = tmp_path_factory.mktemp("serve")
    port = _free_port()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"DATABASE_URL", "SECRET_KEY", "DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env.update(
        TISSEURS_VAR_DIR=str(var),
        HOST="127.0.0.1",
        PORT=str(port),
        WEB_CONCURRENCY="2",
        PY=str(ROOT / ".venv" / "bin" / "python"),
    )
    log = open(var / "serve.log", "w")  # closed at teardown
    process = subprocess.Popen(
        [str(ROOT / "scripts" / "serve")],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 240
    try:
        while True:
            if process.poll() is not None:
                pytest.fail(
                    f"scripts/serve stopped:\n{(var / 'serve.log').read_text()}"
                )
            try:
                _get(base + "/sante/")
                break
            except OSError:  # not listening yet
                pass
            if time.monotonic() > deadline:
                pytest.fail(f"no answer in time:\n{(var / 'serve.log').read_text()}")
            time.sleep(0.5)
        yield base, var
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=60)
        log.close()


def test_health_answers_with_the_database_up(served):
    base, _var = served
    status, _headers, body = _get(base + "/sante/")
    assert status == 200
    assert b'"ok"' in body


def test_login_page_with_production_headers_and_hashed_static(served):
    base, _var = served
    status, headers, body = _get(base + "/connexion/", HTTPS)
    assert status == 200
    assert b'name="password"' in body
    assert "max-age=" in headers["Strict-Transport-Security"]
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert headers["Server"].startswith("gunicorn")
    # Static files carry their content hash (manifest storage) and are served
    # compressed and cacheable forever by WhiteNoise.
    stylesheet = re.search(rb'href="(/static/[^"]+\.[0-9a-f]{12}\.css)"', body)
    assert stylesheet, "no hashed stylesheet in the login page"
    status, headers, _css = _get(
        base + stylesheet.group(1).decode(), {**HTTPS, "Accept-Encoding": "gzip"}
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert "immutable" in headers["Cache-Control"]


def test_debug_is_off_and_plain_http_goes_to_https(served):
    base, var = served
    status, _headers, body = _get(base + "/no-such-page/", HTTPS)
    assert status == 404
    assert b"URLconf" not in body  # Django's debug 404 page lists the URLconf
    status, headers, _body = _get(base + "/connexion/")
    assert status == 301
    assert headers["Location"].startswith("https://")
    # The secret made for this machine is kept private.
    assert (var / "secret-key").stat().st_mode & 0o077 == 0


def test_login_page_weighs_less_than_the_phone_budget(served):
    """The relais' budget (README, "Speed"): 50 KB on a first visit, 25 KB after."""
    base, _var = served
    first, later = page_weight(base, "/connexion/", "", headers=HTTPS)
    assert later < first
    assert first <= 50 * 1024
    assert later <= 25 * 1024
