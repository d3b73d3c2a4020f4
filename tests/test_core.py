"""Foundation: roles, scoped access, accounts, languages, error pages, settings."""

import os
import subprocess
import sys

import pytest
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.core.management.base import CommandError
from django.http import Http404
from django.test import Client
from django.urls import reverse

from relais.models import Relais
from tests.factories.accounts import make_user
from tisseurs import access, roles
from tisseurs.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_four_roles_exist_as_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= set(roles.ROLES)


def test_user_roles_reads_groups_and_ignores_other_groups(coordination):
    coordination.groups.add(Group.objects.create(name="not-a-role"))
    assert roles.user_roles(coordination) == {"coordination"}
    assert roles.has_role(coordination, "coordination", "direction")
    assert not roles.has_role(coordination, "relais")


def test_role_required_rejects_unknown_roles():
    with pytest.raises(ValueError):
        roles.role_required("chef")


def test_scope_gives_relais_only_their_own_rows(
    relais_anna, relais_bruno, coordination
):
    rows = Relais.objects.all()
    assert list(access.scope(rows, relais_anna.user, relais_field="")) == [relais_anna]
    assert set(access.scope(rows, coordination, relais_field="")) == {
        relais_anna,
        relais_bruno,
    }


def test_scope_gives_nothing_to_a_role_not_named(comite, relais_anna):
    assert not access.scope(Relais.objects.all(), comite, relais_field="").exists()


def test_get_scoped_or_404_hides_other_relais_rows(relais_anna, relais_bruno):
    with pytest.raises(Http404):
        access.get_scoped_or_404(
            Relais.objects.all(), relais_anna.user, relais_field="", pk=relais_bruno.pk
        )
    found = access.get_scoped_or_404(
        Relais.objects.all(), relais_anna.user, relais_field="", pk=relais_anna.pk
    )
    assert found == relais_anna


@pytest.mark.parametrize(
    ("fixture", "home"),
    [
        ("coordination", "coordination_home"),
        ("direction", "direction_home"),
        ("comite", "comite_home"),
    ],
)
def test_root_sends_each_role_to_its_home(request, fixture, home):
    client = Client()
    client.force_login(request.getfixturevalue(fixture))
    response = client.get("/")
    assert response.status_code == 302
    assert response.url == reverse(home)


def test_relais_home_greets_by_preferred_name(relais_anna, anna_client):
    relais_anna.preferred_name = "Ania"
    relais_anna.save()
    response = anna_client.get(reverse("relais_home"))
    assert 'Bonjour <span dir="auto">Ania</span> !' in response.text


def test_relais_home_lists_why_a_relais_cannot_work(relais_anna, anna_client):
    relais_anna.status = Relais.Status.PAUSED
    relais_anna.save()
    response = anna_client.get(reverse("relais_home"))
    assert "Avant votre prochaine sortie" in response.text
    assert "En pause" in response.text


def test_coordination_home_counts_relais_by_status(coordination_client, relais_anna):
    response = coordination_client.get(reverse("coordination_home"))
    counts = {value: n for value, _label, n in response.context["status_counts"]}
    assert counts["active"] == 1
    assert counts["left"] == 0


def test_login_with_wrong_password_re_renders_a_translated_error():
    make_user(role="coordination", username="camille", password="right-pass-123")
    response = Client().post(
        reverse("login"), {"username": "camille", "password": "wrong"}
    )
    assert response.status_code == 200
    assert "Saisissez un nom d’utilisateur et un mot de passe valides" in response.text
    assert 'value="camille"' in response.text


def test_login_is_locked_after_five_failures_with_a_clear_message():
    make_user(role="coordination", username="camille", password="right-pass-123")
    client = Client()
    for _attempt in range(5):
        client.post(reverse("login"), {"username": "camille", "password": "wrong"})
    response = client.post(
        reverse("login"), {"username": "camille", "password": "right-pass-123"}
    )
    assert response.status_code == 429
    assert "Connexion bloquée" in response.text


def test_successful_login_lands_on_role_home():
    make_user(role="direction", username="luc", password="right-pass-123")
    client = Client()
    response = client.post(
        reverse("login"), {"username": "luc", "password": "right-pass-123"}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("direction_home")


def test_password_reset_sends_a_translated_link():
    make_user(role="relais", username="anna", email="anna@example.org")
    response = Client().post(reverse("password_reset"), {"email": "anna@example.org"})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert "/mot-de-passe/" in mail.outbox[0].body
    assert "anna" in mail.outbox[0].body


def test_unknown_email_for_reset_gives_the_same_answer():
    response = Client().post(reverse("password_reset"), {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert mail.outbox == []


def test_expired_reset_link_says_so():
    response = Client().get(
        reverse("password_reset_confirm", args=["MQ", "bad-token"]), follow=True
    )
    assert "Ce lien ne fonctionne plus" in response.text


def test_language_switch_is_remembered_on_the_user(coordination_client, coordination):
    coordination_client.post(reverse("set_language"), {"language": "nl", "next": "/"})
    coordination.refresh_from_db()
    assert coordination.language == "nl"
    response = Client()
    response.force_login(coordination)
    page = response.get(reverse("coordination_home"))
    assert '<html lang="nl" dir="ltr">' in page.text


def test_account_page_saves_the_interface_language(relais_anna, anna_client):
    response = anna_client.post(reverse("account"), {"language": "en"}, follow=True)
    relais_anna.user.refresh_from_db()
    assert relais_anna.user.language == "en"
    assert "Your preferences are saved." in response.text


def test_browser_language_chooses_the_login_page_language():
    response = Client(headers={"accept-language": "nl-BE,nl;q=0.9"}).get(
        reverse("login")
    )
    assert '<html lang="nl" dir="ltr">' in response.text
    assert "Aanmelden" in response.text


def test_unknown_url_gives_the_translated_404_page(coordination_client):
    response = coordination_client.get("/nulle-part/")
    assert response.status_code == 404
    assert "Page introuvable" in response.text


def test_forbidden_page_is_translated(anna_client):
    response = anna_client.get(reverse("coordination_home"))
    assert response.status_code == 403
    assert "Accès refusé" in response.text


def test_post_without_csrf_token_gives_a_clear_page(coordination):
    client = Client(enforce_csrf_checks=True)
    client.force_login(coordination)
    response = client.post(reverse("account"), {"language": "nl"})
    assert response.status_code == 403
    assert "Le formulaire a expiré" in response.text


def test_server_error_page_is_translated(settings):
    from tisseurs.views import server_error

    request = Client().get("/connexion/").wsgi_request
    response = server_error(request)
    assert response.status_code == 500
    assert "Une erreur inattendue" in response.content.decode()


def test_health_needs_no_login():
    response = Client().get(reverse("health"))
    assert response.json() == {"status": "ok"}


def test_load_demo_is_idempotent_and_creates_every_account(settings):
    settings.DEBUG = True
    call_command("load_demo")
    call_command("load_demo")
    expected = {"coordination", "direction", "comite"} | {
        f"relais{n}" for n in range(1, 9)
    }
    assert set(User.objects.values_list("username", flat=True)) >= expected
    assert Relais.objects.count() == 8
    assert User.objects.get(username="relais3").check_password("demo")


def test_demo_admin_account_opens_the_django_admin(settings):
    settings.DEBUG = True
    call_command("load_demo")
    admin = User.objects.get(username="admin")
    assert admin.is_staff and admin.is_superuser and admin.check_password("demo")
    assert not admin.groups.exists()
    client = Client()
    client.post(reverse("login"), {"username": "admin", "password": "demo"})
    page = client.get("/admin/")
    assert page.status_code == 200
    assert "/admin/home/dailyrun/" in page.content.decode()


def test_load_demo_refuses_without_password_when_debug_is_off(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("load_demo")
    call_command("load_demo", password="a-real-secret-42")
    assert User.objects.get(username="comite").check_password("a-real-secret-42")


def test_check_deploy_is_clean_with_debug_off():
    env = {
        **{k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DEBUG": "false",
        "SECRET_KEY": "x" * 20
        + "-a-long-random-production-secret-key-value-0123456789",
        "ALLOWED_HOSTS": "tisseurs.example",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_regime_for_reads_the_year_chosen(relais_anna):
    from tests.factories.relais import make_regime

    make_regime(relais_anna, 2026, "frais_reels")
    assert relais_anna.regime_for(2026) == "frais_reels"
    assert relais_anna.regime_for(2025) is None


@pytest.mark.parametrize(
    ("head", "ok"),
    [
        (b"%PDF-1.7", True),
        (b"\xff\xd8\xff\xe0", True),
        (b"\x89PNG\r\n", True),
        (b"RIFF\x00\x00\x00\x00WEBP", True),
        (b"\x00\x00\x00\x18ftypheic", True),
        (b"RIFF\x00\x00\x00\x00WAVE", False),
        (b"MZ\x90\x00", False),
        (b"<html>", False),
    ],
)
def test_uploads_are_judged_on_their_first_bytes(head, ok):
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tisseurs.uploads import check_image_or_pdf

    upload = SimpleUploadedFile("file.pdf", head + b"rest")
    if ok:
        check_image_or_pdf(upload, max_bytes=1024)
    else:
        with pytest.raises(ValidationError, match="ni une photo ni un PDF"):
            check_image_or_pdf(upload, max_bytes=1024)


def test_uploads_over_the_limit_are_refused_with_the_figures():
    from django.core.exceptions import ValidationError
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tisseurs.uploads import check_image_or_pdf

    upload = SimpleUploadedFile("big.pdf", b"%PDF" + b"0" * (3 * 1024 * 1024))
    with pytest.raises(ValidationError) as error:
        check_image_or_pdf(upload, max_bytes=2 * 1024 * 1024)
    assert "3.0 Mo ; 2 Mo au maximum" in error.value.messages[0]


def test_every_demo_account_signs_in_and_lands_on_its_home(settings):
    settings.DEBUG = True
    call_command("load_demo")
    homes = {
        "coordination": "coordination_home",
        "direction": "direction_home",
        "comite": "comite_home",
        **{f"relais{n}": "relais_home" for n in range(1, 9)},
    }
    for username, home in homes.items():
        client = Client()
        response = client.post(
            reverse("login"), {"username": username, "password": "demo"}, follow=True
        )
        assert response.redirect_chain[-1][0] == reverse(home), username
        assert response.status_code == 200, username


def test_month_helpers_cover_year_ends_and_bad_input():
    from datetime import date

    from tisseurs.months import month_start, next_month, parse_month, previous_month

    assert month_start(date(2026, 3, 17)) == date(2026, 3, 1)
    assert next_month(date(2026, 12, 31)) == date(2027, 1, 1)
    assert previous_month(date(2026, 1, 15)) == date(2025, 12, 1)
    assert parse_month("2026-02") == date(2026, 2, 1)
    assert parse_month("2026-13", default=date(2025, 5, 9)) == date(2025, 5, 1)
    assert parse_month(None, default=date(2025, 5, 9)) == date(2025, 5, 1)


def test_a_stored_file_missing_on_disk_answers_404(tmp_path):
    from django.core.files.base import ContentFile

    from tests.factories.relais import make_document, make_relais
    from tisseurs.downloads import serve_file

    stored = make_document(
        make_relais(), file=ContentFile(b"%PDF-1.4 x", name="attestation.pdf")
    )
    document = type(stored).objects.get(pk=stored.pk)  # as a view loads it
    response = serve_file(document.file)
    assert response["Content-Type"] == "application/pdf"
    response.file_to_stream.close()  # not response.close(): that ends the request
    document.file.storage.delete(document.file.name)
    with pytest.raises(Http404):
        serve_file(type(stored).objects.get(pk=stored.pk).file)
