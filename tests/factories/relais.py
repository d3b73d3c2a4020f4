import itertools
from datetime import date
from decimal import Decimal

from relais.models import (
    BenefitGate,
    Convention,
    Document,
    Formation,
    FormationAttendance,
    InsurancePolicy,
    NoteAcknowledgement,
    NoteVersion,
    Regime,
    Relais,
    RelaisLanguage,
    RelaisRegime,
)
from tests.factories.accounts import make_user
from tisseurs.roles import RELAIS

_sequence = itertools.count(1)

CONTRACT_START = date(2020, 1, 1)
CONTRACT_END = date(2030, 12, 31)
FACTORY_POLICY_NUMBER = "RC-FACTORY-2020-2030"


def make_bare_relais(*, with_user: bool = True, **overrides) -> Relais:
    """A relais with no legal file at all (no agreement, note, insurance)."""
    n = next(_sequence)
    if with_user and "user" not in overrides:
        overrides["user"] = make_user(role=RELAIS, username=f"relais-{n}")
    fields = {
        "first_name": f"Prénom{n}",
        "last_name": f"Nom{n}",
        "status": Relais.Status.ACTIVE,
        **overrides,
    }
    return Relais.objects.create(**fields)


def make_relais(*, with_user: bool = True, **overrides) -> Relais:
    """An active relais, by default with a user account in the relais role.

    Contract for every app's tests: the relais returned can work (`can_work_on`
    says yes) on any date of 2020–2030 unless overrides say otherwise: it gets an
    open-ended agreement with the confidentiality clause, the current information
    note acknowledged, and the organisation a civil-liability policy.
    """
    relais = make_bare_relais(with_user=with_user, **overrides)
    make_convention(relais)
    make_acknowledgement(relais)
    ensure_liability_insurance()
    return relais


def make_convention(relais: Relais, **overrides) -> Convention:
    fields = {
        "start_date": CONTRACT_START,
        "end_date": None,
        "confidentiality_accepted_on": CONTRACT_START,
        **overrides,
    }
    return Convention.objects.create(relais=relais, **fields)


def make_note_version(**overrides) -> NoteVersion:
    fields = {
        "number": NoteVersion.next_number(),
        "published_on": CONTRACT_START,
        "purpose_and_status": "ASBL Tisseurs, but désintéressé.",
        "liability_insurance": "Ethias, police RC 45.123.456.",
        "liability_regime": "L'organisation est civilement responsable.",
        "other_insurance": "Accidents corporels : Ethias 45.123.457.",
        "defraiement": "Forfait journalier ou frais réels, au choix chaque année.",
        "secrecy": "Secret professionnel (art. 458 Code pénal) et discrétion.",
        **overrides,
    }
    return NoteVersion.objects.create(**fields)


def make_acknowledgement(relais: Relais, version=None, **overrides):
    version = version or NoteVersion.objects.current() or make_note_version()
    fields = {"acknowledged_on": CONTRACT_START, **overrides}
    return NoteAcknowledgement.objects.create(relais=relais, version=version, **fields)


def ensure_liability_insurance() -> InsurancePolicy:
    """The civil-liability policy covering 2020–2030 (created once)."""
    policy, _created = InsurancePolicy.objects.get_or_create(
        number=FACTORY_POLICY_NUMBER,
        defaults={
            "kind": InsurancePolicy.Kind.CIVIL_LIABILITY,
            "insurer": "Ethias",
            "valid_from": CONTRACT_START,
            "valid_until": CONTRACT_END,
        },
    )
    return policy


def make_insurance(**overrides) -> InsurancePolicy:
    n = next(_sequence)
    fields = {
        "kind": InsurancePolicy.Kind.CIVIL_LIABILITY,
        "insurer": "Ethias",
        "number": f"POL-{n}",
        "valid_from": CONTRACT_START,
        "valid_until": CONTRACT_END,
        **overrides,
    }
    return InsurancePolicy.objects.create(**fields)


def make_gate(relais: Relais, **overrides) -> BenefitGate:
    fields = {"kind": BenefitGate.Kind.UNEMPLOYMENT, **overrides}
    return BenefitGate.objects.create(relais=relais, **fields)


def make_languages(relais: Relais, *codes: str) -> None:
    RelaisLanguage.objects.bulk_create(
        [RelaisLanguage(relais=relais, code=code) for code in codes]
    )


def make_formation(**overrides) -> Formation:
    n = next(_sequence)
    fields = {
        "kind": Formation.Kind.TRAINING,
        "title": f"Formation {n}",
        "date": date(2026, 3, 5),
        "duration_hours": Decimal("3"),
        **overrides,
    }
    return Formation.objects.create(**fields)


def make_formation_attendance(formation, relais, **overrides) -> FormationAttendance:
    fields = {
        "status": FormationAttendance.Status.PRESENT,
        "hours": formation.duration_hours,
    }
    fields.update(overrides)
    return FormationAttendance.objects.create(
        formation=formation, relais=relais, **fields
    )


def make_document(relais: Relais, **overrides) -> Document:
    from django.core.files.base import ContentFile

    fields = {"kind": Document.Kind.CERTIFICATE, "title": "Attestation", **overrides}
    if "file" not in fields:
        fields["file"] = ContentFile(b"%PDF-1.4 test", name="attestation.pdf")
    return Document.objects.create(relais=relais, **fields)


def make_regime(relais: Relais, year: int, regime: str = Regime.FORFAIT):
    """Record the défraiement regime `relais` chose for `year`."""
    return RelaisRegime.objects.update_or_create(
        relais=relais, year=year, defaults={"regime": regime}
    )[0]


# Bank codes of real Belgian banks (BNP Paribas Fortis, Belfius, ING, KBC, Crelan):
# IBAN validation looks the code up, so an invented one is refused.
IBAN_BANK_CODES = ("001", "063", "310", "735", "750")


def make_iban(seed: int, *, bank: str | None = None, grouped: bool = False) -> str:
    """A real Belgian IBAN (both check digits computed), different for each `seed`
    below 10 000 000: a real bank code, the seed as the 7-digit account number, the
    national check (those ten digits mod 97, 97 for 0), then the IBAN check digits
    of ISO 13616 (country code and 00 moved to the end, letters as numbers,
    98 − mod 97). `grouped` writes it in groups of four, as people type it."""
    bank = bank or IBAN_BANK_CODES[seed % len(IBAN_BANK_CODES)]
    digits = f"{bank}{seed % 10**7:07d}"
    bban = f"{digits}{int(digits) % 97 or 97:02d}"
    # B = 11, E = 14; "00" stands for the check digits being computed.
    check = 98 - int(f"{bban}111400") % 97
    iban = f"BE{check:02d}{bban}"
    if grouped:
        return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))
    return iban
