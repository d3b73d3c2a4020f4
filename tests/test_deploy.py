"""The production recipe of deploy/ holds together: the systemd unit starts gunicorn
with the config of the repo, which loads; the proxy refuses bodies the app would
refuse too, and forwards the scheme the app's HTTPS settings read."""

import re
import runpy
from pathlib import Path

from tisseurs.middleware import REQUEST_BODY_MAX_BYTES

DEPLOY = Path(__file__).resolve().parent.parent / "deploy"


def test_gunicorn_config_sizes_workers_from_the_cores(monkeypatch):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    monkeypatch.setattr("os.cpu_count", lambda: 4)
    config = runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))
    assert config["workers"] == 9
    assert config["max_requests"] > 0
    assert config["bind"] == "127.0.0.1:8000"
    monkeypatch.setenv("WEB_CONCURRENCY", "3")
    assert runpy.run_path(str(DEPLOY / "gunicorn.conf.py"))["workers"] == 3


def test_systemd_unit_runs_the_repo_config_with_the_environment_file():
    unit = (DEPLOY / "tisseurs.service").read_text()
    assert "gunicorn -c deploy/gunicorn.conf.py tisseurs.wsgi" in unit
    assert "EnvironmentFile=/etc/tisseurs/env" in unit
    assert "DEBUG=" not in unit.replace("DEBUG stays unset", "")
    for step in ("compilemessages", "collectstatic", "migrate"):
        assert f"manage.py {step}" in unit


def test_proxy_limits_bodies_like_the_app_and_forwards_the_scheme():
    conf = (DEPLOY / "nginx-tisseurs.conf").read_text()
    limit = re.search(r"client_max_body_size (\d+)m;", conf)
    assert limit
    assert int(limit.group(1)) * 1024 * 1024 == REQUEST_BODY_MAX_BYTES
    assert "proxy_set_header X-Forwarded-Proto $scheme;" in conf
    assert "return 301 https://" in conf
    assert "add_header" not in conf.replace("no add_header here", "")
