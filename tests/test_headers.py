"""Security headers (issue 14): a strict Content-Security-Policy and a
Permissions-Policy on every response, Cache-Control: no-store on everything a
signed-in user gets and on every file, and safe defaults when the environment says
nothing. The permission matrix (tests/test_permissions.py) checks the headers of
every URL as every role through `header_problems`."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.test import Client
from django.urls import reverse

from tisseurs.downloads import download, serve_file

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# WeasyPrint renders these on the server: no browser, no CSP; they keep their
# <style> blocks.
PDF_TEMPLATES = TEMPLATES / "pdf"
INLINE = {
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "<style> block": re.compile(r"<style[\s>]", re.IGNORECASE),
    "inline <script>": re.compile(
        r"<script(?![^>]*\ssrc=)[^>]*>(?!\s*</script>)", re.IGNORECASE
    ),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    "javascript: URL": re.compile(r"javascript:", re.IGNORECASE),
}
EXPECTED_DIRECTIVES = {
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'self'",
}


def header_problems(response, role: str) -> list[str]:
    """What is wrong with the security headers of `response`, got as `role`."""
    problems = []
    csp = response.headers.get("Content-Security-Policy", "")
    directives = {d.strip() for d in csp.split(";")}
    if missing := EXPECTED_DIRECTIVES - directives:
        problems.append(f"CSP {csp!r} lacks {sorted(missing)}")
    if "unsafe" in csp:
        problems.append(f"CSP {csp!r} allows unsafe sources")
    if "camera=()" not in response.headers.get("Permissions-Policy", ""):
        problems.append("no Permissions-Policy")
    if response.headers.get("Content-Type", "").startswith("text/html"):
        body = response.content.decode()
        problems.extend(
            f"{kind} in the page: {match.group(0)!r}"
            for kind, pattern in INLINE.items()
            if (match := pattern.search(body))
        )
    cache = response.headers.get("Cache-Control", "")
    if role != "anonymous" and "no-store" not in cache:
        problems.append(f"Cache-Control {cache!r} without no-store")
    return problems


def _template_files():
    return sorted(
        path for path in TEMPLATES.rglob("*.html") if PDF_TEMPLATES not in path.parents
    )


def test_the_template_scan_sees_every_template():
    names = {str(path.relative_to(TEMPLATES)) for path in _template_files()}
    assert "base.html" in names
    assert "registration/login.html" in names
    assert not any(name.startswith("pdf/") for name in names)


@pytest.mark.parametrize("kind", sorted(INLINE))
def test_no_template_has_inline_script_or_style(kind):
    """The CSP forbids inline code and styles: they go to static/css and static/js."""
    pattern = INLINE[kind]
    found = [
        f"{path.relative_to(TEMPLATES)}:{number}: {line.strip()}"
        for path in _template_files()
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if pattern.search(line)
    ]
    assert found == []


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ('<form style="max-width: 4rem">', "style attribute"),
        ("<style>p {}</style>", "<style> block"),
        ("<script>alert(1)</script>", "inline <script>"),
        ("<script defer>go()</script>", "inline <script>"),
        ('<button onclick="go()">', "event handler attribute"),
        ('<a href="javascript:go()">', "javascript: URL"),
    ],
)
def test_the_template_scan_catches_inline_code(html, kind):
    assert INLINE[kind].search(html)


@pytest.mark.parametrize(
    "html",
    [
        '<script src="/static/js/stepper.js" defer></script>',
        '<div class="form-narrow" data-onclick="x">',
        '<button type="button" data-bs-toggle="collapse">',
    ],
)
def test_the_template_scan_lets_external_scripts_through(html):
    assert not any(pattern.search(html) for pattern in INLINE.values())


@pytest.mark.django_db
def test_login_page_has_the_headers():
    """(Django's login view already says never_cache: nothing to add there.)"""
    response = Client().get(reverse("login"))
    assert response.status_code == 200
    assert header_problems(response, "anonymous") == []
    csp = response.headers["Content-Security-Policy"]
    assert "'unsafe-inline'" not in csp
    assert "frame-ancestors 'none'" in csp


def test_the_policy_is_exactly_the_documented_one():
    from csp.utils import build_policy

    policy = build_policy()
    assert {d.strip() for d in policy.split(";")} == EXPECTED_DIRECTIVES | {
        "font-src 'self'",
        "connect-src 'self'",
    }


@pytest.mark.django_db
def test_signed_in_pages_are_not_stored(coordination, relais_anna):
    for user, url in [
        (coordination, reverse("prestations:situation_list")),
        (coordination, reverse("home")),
        (relais_anna.user, reverse("home")),
    ]:
        client = Client()
        client.force_login(user)
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        cache = response.headers["Cache-Control"]
        assert set(cache.replace(" ", "").split(",")) == {"no-store", "private"}
        assert header_problems(response, "coordination") == []


def test_every_downloaded_file_is_not_stored(tmp_path):
    response = download(b"a;b\n", filename="paiements.csv")
    assert response.headers["Cache-Control"] in {
        "no-store, private",
        "private, no-store",
    }
    storage = FileSystemStorage(location=tmp_path)
    name = storage.save("convention.pdf", ContentFile(b"%PDF-1.7 test"))

    class Stored:
        def __init__(self):
            self.name = name

        def __bool__(self):
            return True

        def open(self, mode):
            return storage.open(name, mode)

    response = serve_file(Stored())
    assert "no-store" in response.headers["Cache-Control"]
    response.file_to_stream.close()


@pytest.mark.django_db
def test_static_files_stay_cacheable(settings, coordination):
    """WhiteNoise answers static files before any session is read: no no-store."""
    settings.WHITENOISE_USE_FINDERS = True
    settings.WHITENOISE_AUTOREFRESH = True
    client = Client()
    client.force_login(coordination)
    response = client.get(f"{settings.STATIC_URL}css/app.css")
    assert response.status_code == 200
    assert "no-store" not in response.headers.get("Cache-Control", "")
    assert b".form-narrow" in b"".join(response.streaming_content)


def _start(env: dict[str, str]) -> subprocess.CompletedProcess:
    """`manage.py check` in a fresh process with only `env` as Tisseurs' settings."""
    base = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        env={**base, **env},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=False,
    )


def test_without_secret_key_and_debug_the_app_refuses_to_start():
    result = _start({})
    assert result.returncode != 0
    assert "ImproperlyConfigured: SECRET_KEY is not set" in result.stderr
    assert "secrets.token_urlsafe(60)" in result.stderr


def test_debug_is_off_unless_set():
    code = "from django.conf import settings; print(settings.DEBUG)"
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "DJANGO_SETTINGS_MODULE"}
    }
    env["SECRET_KEY"] = "a-test-only-secret-key-" + "x" * 40
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        env={**env, "DJANGO_SETTINGS_MODULE": "tisseurs.settings"},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.strip() == "False"


def test_debug_on_starts_with_the_development_key():
    result = _start({"DEBUG": "true"})
    assert result.returncode == 0, result.stderr


def test_charts_carry_no_style_attribute():
    from rapports.charts import bar_chart

    svg = bar_chart([("Logement", 3), ("Santé", 1)], title="Thèmes")
    assert svg.startswith("<svg") and 'class="chart"' in svg
    assert not INLINE["style attribute"].search(svg)


def test_header_problems_catches_a_bare_response():
    from django.http import HttpResponse

    response = HttpResponse("x")
    response["Content-Security-Policy"] = "default-src 'self' 'unsafe-inline'"
    problems = header_problems(response, "relais")
    assert len(problems) == 4
    assert problems[1].endswith("allows unsafe sources")
    assert problems[2:] == [
        "no Permissions-Policy",
        "Cache-Control '' without no-store",
    ]


ADMIN_PAGES = [
    "admin:index",
    "admin:relais_relais_changelist",
    "admin:relais_relais_add",
    "admin:relais_relais_import",
    "admin:relais_relais_export",
    "admin:accounts_user_changelist",
]


@pytest.mark.django_db
def test_admin_pages_work_under_the_policy(relais_anna):
    """Django's admin renders no inline code either. Two add-on templates do, and
    the policy blocks it: django-import-export's export page (two cosmetic styles,
    and its "select all" toggle, so the field boxes are ticked one by one) and
    django-simple-history's history page (a paginator border). Nothing else may."""
    from tisseurs.accounts.models import User

    admin = User.objects.create_superuser("root", "root@example.org", "x")
    client = Client()
    client.force_login(admin)
    found = {}
    urls = [reverse(name) for name in ADMIN_PAGES] + [
        reverse("admin:relais_relais_change", args=[relais_anna.pk]),
        reverse("admin:relais_relais_history", args=[relais_anna.pk]),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        if problems := header_problems(response, "coordination"):
            found[url] = problems
    export = reverse("admin:relais_relais_export")
    history = reverse("admin:relais_relais_history", args=[relais_anna.pk])
    assert found == {
        export: [
            "style attribute in the page: ' style='",
            "event handler attribute in the page: ' onchange='",
        ],
        history: ["style attribute in the page: ' style='"],
    }
