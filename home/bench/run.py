"""Start the bench database, gunicorn (the app, and the bare view beside it) and wrk;
read wrk's figures back."""

import http.client
import json
import os
import re
import shutil
import socket
import subprocess  # nosec B404 # runs this checkout's own manage.py, gunicorn and wrk
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

# Production settings with stand-ins: DEBUG off, plain HTTP on the loopback.
BENCH_ENV = {
    "DEBUG": "false",
    # A stand-in, for the bench database only.
    "SECRET_KEY": "bench-only-not-a-secret-0123456789-abcdefghijklmnopqrstuvwxyz",  # nosec B105
    "ALLOWED_HOSTS": "127.0.0.1,localhost",
    "SECURE_SSL_REDIRECT": "false",
}
PG_ADMIN = {"host": "127.0.0.1", "port": 5432, "user": "postgres", "dbname": "postgres"}
PG_NAME = "tisseurs_bench"


def bench_database(*, fresh: bool) -> str:
    """A `DATABASE_URL` for the bench: PostgreSQL on 127.0.0.1:5432 when it answers
    (database `tisseurs_bench`, dropped and created anew when `fresh`), SQLite under
    var/bench otherwise."""
    try:
        import psycopg2

        admin = psycopg2.connect(connect_timeout=3, **PG_ADMIN)
    except Exception:  # no PostgreSQL here: SQLite
        path = Path(settings.VAR_DIR) / "bench" / "bench.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if fresh:
            path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    admin.autocommit = True
    with admin.cursor() as cursor:
        if fresh:
            cursor.execute(f"DROP DATABASE IF EXISTS {PG_NAME} WITH (FORCE)")
            cursor.execute(f"CREATE DATABASE {PG_NAME}")
    admin.close()
    return (
        f"postgres://{PG_ADMIN['user']}@{PG_ADMIN['host']}:{PG_ADMIN['port']}/{PG_NAME}"
    )


def manage(env: dict, *args: str) -> str:
    result = subprocess.run(  # nosec B603
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    return result.stdout


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env: dict, app: str, workers: int):
    """A gunicorn of `workers` sync workers serving `app`; yields its base URL."""
    port = free_port()
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        app,
        f"--bind=127.0.0.1:{port}",
        f"--workers={workers}",
        "--log-level=warning",
        "--no-control-socket",
    ]
    process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env)  # nosec B603
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(base + "/sante/", process)
        yield base
    finally:
        process.terminate()
        process.wait(timeout=30)


def wait_until_up(url: str, process, seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"gunicorn stopped (exit {process.returncode})")
        try:
            with urllib.request.urlopen(url, timeout=10):  # nosec B310 # loopback
                return
        except urllib.error.HTTPError as error:
            raise RuntimeError(f"{url} answered {error.code}") from error
        except OSError:  # not listening yet, or a worker still starting
            time.sleep(0.3)
    raise RuntimeError(f"{url} did not answer in {seconds:.0f} s")


def warm(url: str, *, cookie: str) -> int:
    """One request before measuring: it waits for the workers to finish what the
    previous measurement left queued, and gives the page's status (no redirect
    followed: a page answering with the login page would be measured wrong)."""
    parts = urllib.parse.urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=300)
    target = parts.path + (f"?{parts.query}" if parts.query else "")
    connection.request("GET", target, headers={"Cookie": cookie})
    status = connection.getresponse().status
    connection.close()
    return status


@dataclass
class Load:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def wrk(url: str, *, cookie: str, duration: str, connections: int) -> Load:
    """Drive `url` with wrk (`connections` connections, 2 threads) and read back its
    req/s, median and 99th percentile; errors counts non-2xx/3xx answers."""
    if not shutil.which("wrk"):
        raise RuntimeError("wrk is missing: apt-get install wrk (scripts/system-deps)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(f'wrk.headers["Cookie"] = {json.dumps(cookie)}\n')
    try:
        out = subprocess.run(  # nosec B603 B607
            [
                "wrk",
                f"-c{connections}",
                f"-t{min(2, connections)}",
                f"-d{duration}",
                "--timeout=30s",
                "--latency",
                "-s",
                script.name,
                url,
            ],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    finally:
        os.unlink(script.name)
    return parse_wrk(out)


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}


def _ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * _UNITS[unit]


def parse_wrk(out: str) -> Load:
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    p50 = re.search(r"^\s+50%\s+(\S+)", out, re.MULTILINE)
    p99 = re.search(r"^\s+99%\s+(\S+)", out, re.MULTILINE)
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    timeouts = re.search(r"timeout (\d+)", out)
    return Load(
        requests_per_second=float(rate.group(1)) if rate else 0.0,
        p50_ms=_ms(p50.group(1)) if p50 else 0.0,
        p99_ms=_ms(p99.group(1)) if p99 else 0.0,
        errors=(int(errors.group(1)) if errors else 0)
        + (int(timeouts.group(1)) if timeouts else 0),
    )
