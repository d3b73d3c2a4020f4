"""Demo relais for `manage.py load_demo` (idempotent).

Eight relais with varied languages and situations, so that every page and the
coordination alerts show something real: one on unemployment benefits with a C45B,
one who signed an outdated note, one whose agreement ends soon, one candidate.
Fatima read the current note on her phone, the others signed it on paper; Mehmet's
agreement has its signed scan, the others await their signature.
"""

from datetime import date, datetime, time, timedelta
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

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
    RelaisRegime,
)
from relais.services import relais_set_languages
from tisseurs.phones import normalize_phone

DEMO_RELAIS = [
    # username, first name, last name, preferred name, language of the interface
    ("relais1", "Fatima", "El Amrani", "Fatima", ""),
    ("relais2", "Mehmet", "Yılmaz", "Memo", ""),
    ("relais3", "Radka", "Petrova", "", ""),
    ("relais4", "Ioana", "Popescu", "", ""),
    ("relais5", "Mamadou", "Diallo", "", ""),
    ("relais6", "Anke", "Vermeulen", "", "nl"),
    ("relais7", "Youssef", "Ait Ouali", "Youssef", ""),
    ("relais8", "Marie-Claire", "Mbuyi", "Mimi", ""),
]

PROFILES = {
    # username: phone, languages, zone, birth year, status
    "relais1": ("0470 11 22 01", ["fr", "ar", "ary"], "Brabant", 1975, "active"),
    "relais2": ("0470 11 22 02", ["tr", "fr", "nl"], "Brabant", 1982, "active"),
    "relais3": ("+359 88 123 4567", ["bg", "rom", "fr"], "Saint-Josse", 1990, "active"),
    "relais4": ("0470 11 22 04", ["ro", "fr", "it"], "Gare du Nord", 1988, "active"),
    "relais5": ("0470 11 22 05", ["fr", "en", "so"], "Brabant", 1979, "active"),
    "relais6": ("0470 11 22 06", ["nl", "fr", "en"], "Saint-Josse", 1968, "active"),
    "relais7": ("0470 11 22 07", ["ary", "rif", "fr"], "Brabant", 1995, "active"),
    "relais8": ("0470 11 22 08", ["ln", "fr"], "Gare du Nord", 1985, "candidate"),
}

# Real Belgian IBANs (both check digits right, real bank codes), so the demo's
# SEPA file is one a bank would accept.
DEMO_IBANS = {
    "relais1": "BE80750314950977",
    "relais2": "BE07735315742866",
    "relais3": "BE90310316534732",
    "relais4": "BE66063317326643",
    "relais5": "BE97001318118549",
    "relais6": "BE65750318910496",
    "relais7": "BE89735319702385",
    "relais8": "BE75310320494251",
}

NOTE_V1 = {
    "purpose_and_status": (
        "ASBL Tisseurs de liens de quartier, but désintéressé : créer des liens "
        "entre les habitant·es du quartier Brabant et les services sociaux et de "
        "santé. Projet du Contrat local social-santé, financé par la COCOM."
    ),
    "liability_insurance": "Ethias, police RC volontaires n° 45.123.456.",
    "liability_regime": (
        "L'ASBL est civilement responsable des dommages causés par le ou la "
        "volontaire pendant le volontariat (loi du 3 juillet 2005, art. 5)."
    ),
    "other_insurance": "Accidents corporels : Ethias, police n° 45.123.457.",
    "defraiement": (
        "Défraiement forfaitaire par journée de sortie, dans les plafonds légaux, "
        "ou remboursement des frais réels sur justificatifs : un régime par année."
    ),
    "secrecy": (
        "Le ou la volontaire peut apprendre des secrets protégés par l'article "
        "458 du Code pénal (santé, situation sociale et familiale…). Il ou elle "
        "est tenu·e à la discrétion et au secret professionnel."
    ),
}


NOTE_V1_NL = {
    "purpose_and_status_nl": (
        "Vzw Tisseurs de liens de quartier, belangeloos doel: banden smeden tussen "
        "de bewoners van de Brabantwijk en de sociale en gezondheidsdiensten. "
        "Project van het Lokaal Sociaal-Gezondheidscontract, gefinancierd door de GGC."
    ),
    "liability_insurance_nl": "Ethias, polis BA vrijwilligers nr. 45.123.456.",
    "liability_regime_nl": (
        "De vzw is burgerlijk aansprakelijk voor schade die de vrijwilliger "
        "tijdens het vrijwilligerswerk veroorzaakt (wet van 3 juli 2005, art. 5)."
    ),
    "other_insurance_nl": "Lichamelijke ongevallen: Ethias, polis nr. 45.123.457.",
    "defraiement_nl": (
        "Forfaitaire vergoeding per uitstapdag, binnen de wettelijke plafonds, of "
        "terugbetaling van de werkelijke kosten met bewijsstukken: één stelsel "
        "per jaar."
    ),
    "secrecy_nl": (
        "De vrijwilliger kan geheimen vernemen die beschermd zijn door artikel 458 "
        "van het Strafwetboek (gezondheid, sociale en gezinssituatie…) en is "
        "gebonden aan discretie en beroepsgeheim."
    ),
}

# The note in Arabic, for relais who read it best (relais/translation.py): the other
# relais languages (tr, ro, bg) fall back to French until someone writes them.
NOTE_V1_AR = {
    "purpose_and_status_ar": (
        "جمعية Tisseurs de liens de quartier غير الربحية (ASBL)، هدفها غير ربحي: "
        "إنشاء روابط بين سكان حي برابان والخدمات الاجتماعية والصحية. مشروع ضمن "
        "العقد المحلي الاجتماعي والصحي، بتمويل من اللجنة المجتمعية المشتركة (COCOM)."
    ),
    "liability_insurance_ar": (
        "Ethias، وثيقة تأمين المسؤولية المدنية للمتطوعين رقم 45.123.456."
    ),
    "liability_regime_ar": (
        "الجمعية مسؤولة مدنيًا عن الأضرار التي يسببها المتطوع أو المتطوعة أثناء "
        "العمل التطوعي (قانون 3 يوليو 2005، المادة 5)."
    ),
    "other_insurance_ar": "الحوادث الجسدية: Ethias، وثيقة رقم 45.123.457.",
    "defraiement_ar": (
        "تعويض جزافي عن كل يوم خروج، في حدود السقف القانوني، أو استرداد المصاريف "
        "الفعلية مقابل إثباتات: نظام واحد لكل سنة."
    ),
    "secrecy_ar": (
        "قد يطّلع المتطوع أو المتطوعة على أسرار تحميها المادة 458 من قانون "
        "العقوبات (الصحة، الوضع الاجتماعي والعائلي…)، ويلتزم بالتكتم وبالسر المهني."
    ),
}


def load(*, users: dict) -> dict[str, Relais]:
    """Create or update the eight demo relais and their legal files."""
    today = timezone.localdate()
    year_start = date(today.year, 1, 1)
    _insurance(today)
    v1, _ = NoteVersion.objects.update_or_create(
        number=1,
        defaults={
            "published_on": date(today.year - 1, 1, 15),
            **NOTE_V1,
            **NOTE_V1_NL,
            **NOTE_V1_AR,
        },
    )
    v2, _ = NoteVersion.objects.update_or_create(
        number=2,
        defaults={
            "published_on": year_start,
            **NOTE_V1,
            **NOTE_V1_NL,
            **NOTE_V1_AR,
            "defraiement_fr": NOTE_V1["defraiement"]
            + " Les plafonds sont mis à jour chaque année en janvier.",
            "defraiement_nl": NOTE_V1_NL["defraiement_nl"]
            + " De plafonds worden elk jaar in januari bijgewerkt.",
            "defraiement_ar": NOTE_V1_AR["defraiement_ar"]
            + " يتم تحديث السقوف كل سنة في شهر يناير.",
        },
    )
    profiles = {}
    for username, first, last, preferred, _language in DEMO_RELAIS:
        phone, languages, zone, birth_year, status = PROFILES[username]
        relais, _created = Relais.objects.update_or_create(
            user=users[username],
            defaults={
                "first_name": first,
                "last_name": last,
                "preferred_name": preferred,
                "status": status,
                "phone": normalize_phone(phone),
                "email": f"{username}@example.org",
                "zone": zone,
                "birth_year": birth_year,
                "iban": DEMO_IBANS[username],
                "status_since": date(today.year - 1, 2, 1),
            },
        )
        relais_set_languages(relais=relais, codes=languages)
        profiles[username] = relais
        if status != Relais.Status.ACTIVE:
            continue
        end = None
        if username == "relais4":  # agreement ends soon: an alert
            end = today + timedelta(days=20)
        convention, _created = Convention.objects.update_or_create(
            relais=relais,
            start_date=date(today.year - 1, 2, 1),
            defaults={
                "end_date": end,
                "confidentiality_accepted_on": date(today.year - 1, 2, 1),
            },
        )
        if username == "relais2":
            _signed_scan(convention, by=users["coordination"])
        version = v1 if username == "relais3" else v2  # relais3: outdated note
        NoteAcknowledgement.objects.update_or_create(
            relais=relais,
            version=version,
            defaults=_acknowledgement(
                version, relais=relais, today=today, phone=username == "relais1"
            ),
        )
        for year in (today.year - 1, today.year):
            RelaisRegime.objects.get_or_create(
                relais=relais,
                year=year,
                defaults={
                    "regime": Regime.FRAIS_REELS
                    if username == "relais6"
                    else Regime.FORFAIT
                },
            )
    # relais2 receives unemployment benefits: C45B filed, ONEM tacit approval.
    BenefitGate.objects.update_or_create(
        relais=profiles["relais2"],
        kind=BenefitGate.Kind.UNEMPLOYMENT,
        defaults={
            "benefit_since": date(today.year - 2, 9, 1),
            "filed_on": date(today.year - 1, 1, 20),
            "approved_on": date(today.year - 1, 2, 4),
            "confirmed_on": date(today.year, 1, 8),
        },
    )
    # relais5 receives the CPAS integration income; yearly re-confirmation due.
    BenefitGate.objects.update_or_create(
        relais=profiles["relais5"],
        kind=BenefitGate.Kind.CPAS,
        defaults={"filed_on": today - timedelta(days=400)},
    )
    _trainings(today, profiles)
    _documents(today, profiles)
    return profiles


def _acknowledgement(
    version: NoteVersion, *, relais: Relais, today: date, phone: bool
) -> dict:
    """How a demo relais acknowledged `version`: on their phone ("J'ai lu la note",
    the date and time kept) or on paper, recorded by the coordination."""
    day = max(version.published_on, date(today.year - 1, 2, 1))
    if not phone:
        return {
            "acknowledged_on": day,
            "acknowledged_at": None,
            "channel": NoteAcknowledgement.Channel.PAPER,
        }
    at = min(timezone.make_aware(datetime.combine(day, time(18, 42))), timezone.now())
    return {
        "acknowledged_on": timezone.localdate(at),
        "acknowledged_at": at,
        "channel": NoteAcknowledgement.Channel.PHONE,
        "recorded_by": relais.user,
    }


# A one-page blank PDF, so the demo document downloads as a real file.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
    b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\n"
    b"trailer<</Root 1 0 R>>\n%%EOF\n"
)


def _documents(today: date, profiles: dict[str, Relais]) -> None:
    """relais7's residence permit scan expires within 30 days: an alert on the
    file and coordination's home, and a reminder to both from `manage.py daily`."""
    relais = profiles["relais7"]
    document = Document.objects.filter(relais=relais, title=PERMIT_TITLE).first()
    if document is None:
        document = Document(relais=relais, kind=Document.Kind.OTHER, title=PERMIT_TITLE)
        document.file.save("titre-de-sejour.pdf", ContentFile(DEMO_PDF), save=False)
    document.expires_on = today + timedelta(days=20)
    document.save()


PERMIT_TITLE = "Titre de séjour (copie)"


def _signed_scan(convention: Convention, *, by) -> None:
    """The signed scan of a demo agreement, stored once."""
    if convention.document_id:
        return
    convention.document = Document.objects.create(
        relais=convention.relais,
        kind=Document.Kind.CONVENTION,
        title="Convention de volontariat signée",
        file=ContentFile(DEMO_PDF, name="convention-signee.pdf"),
        uploaded_by=by,
    )
    convention.save(update_fields=["document"])


def _insurance(today: date) -> None:
    InsurancePolicy.objects.update_or_create(
        number="45.123.456",
        defaults={
            "kind": InsurancePolicy.Kind.CIVIL_LIABILITY,
            "insurer": "Ethias",
            "valid_from": date(today.year - 1, 1, 1),
            "valid_until": date(today.year + 1, 12, 31),
        },
    )
    InsurancePolicy.objects.update_or_create(
        number="45.123.457",
        defaults={
            "kind": InsurancePolicy.Kind.ACCIDENT,
            "insurer": "Ethias",
            "valid_from": date(today.year - 1, 1, 1),
            "valid_until": date(today.year + 1, 12, 31),
        },
    )


def _trainings(today: date, profiles: dict[str, Relais]) -> None:
    sessions = [
        (Formation.Kind.TRAINING, "Écoute active et orientation", 60, "6", "CBCS"),
        (
            Formation.Kind.TRAINING,
            "Secret professionnel et RGPD",
            40,
            "3",
            "Ligue des droits humains",
        ),
        (Formation.Kind.INTERVISION, "Intervision mensuelle", 10, "2", ""),
    ]
    dutch = {
        "Écoute active et orientation": "Actief luisteren en doorverwijzen",
        "Secret professionnel et RGPD": "Beroepsgeheim en AVG",
        "Intervision mensuelle": "Maandelijkse intervisie",
    }
    for kind, title, days_ago, hours, trainer in sessions:
        formation, _ = Formation.objects.update_or_create(
            title_fr=title,
            defaults={
                "title_nl": dutch[title],
                "kind": kind,
                "date": today - timedelta(days=days_ago),
                "duration_hours": Decimal(hours),
                "trainer": trainer,
                "place": "Local de la rue de Brabant",
            },
        )
        for n, relais in enumerate(profiles.values()):
            if relais.status != Relais.Status.ACTIVE:
                continue
            status = (
                FormationAttendance.Status.EXCUSED
                if n == 2
                else FormationAttendance.Status.PRESENT
            )
            FormationAttendance.objects.update_or_create(
                formation=formation,
                relais=relais,
                defaults={
                    "status": status,
                    "hours": Decimal(hours) if status == "present" else Decimal(0),
                },
            )
