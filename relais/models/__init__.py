"""Habitants-relais: the volunteers and their legal file (loi du 3 juillet 2005).

`Relais.can_work_on(day)` is the one rule every app asks before a prestation. For
lists, build a `WorkContext` once (`WorkContext.load()`) and fetch the relais with
`Relais.objects.with_work_data()`: the check then runs without any query per relais
(or ask `Relais.objects.filter(...).work_checks(day)` for a dict by pk).

- `relais.py`: the relais, their languages and yearly regime, `can_work_on`;
- `work.py`: `WorkCheck` (what `can_work_on` answers) and `WorkContext`;
- `legal.py`: agreements, note versions and acknowledgements, insurance, benefit
  gates (with the ONEM answer);
- `residence.py`: the residence status of non-EU relais (legal stay, FEDASIL);
- `formation.py`: trainings, intervisions and the presence of relais at them;
- `documents.py`: the private files of a relais;
- `journal.py`: the coordination's dated notes of conversations with a relais;
- `dates.py`: day helpers (display, ONEM working days).
"""

from relais.models.dates import add_working_days, format_day
from relais.models.documents import (
    DOCUMENT_EXTENSIONS,
    DOCUMENT_MAX_BYTES,
    EXPIRY_ALERT_DAYS,
    Document,
    document_alerts,
    document_upload_to,
    validate_document_file,
)
from relais.models.formation import Formation, FormationAttendance
from relais.models.journal import JournalEntry
from relais.models.legal import (
    ONEM_WORKING_DAYS,
    RECONFIRM_DAYS,
    AuthorityAnswer,
    BenefitGate,
    Convention,
    InsurancePolicy,
    NoteAcknowledgement,
    NoteVersion,
    NoteVersionQuerySet,
    validate_not_in_future,
)
from relais.models.relais import (
    ALERT_DAYS,
    MINIMUM_AGE,
    WORK_DATA,
    Regime,
    Relais,
    RelaisLanguage,
    RelaisQuerySet,
    RelaisRegime,
    RelaisRegimeChange,
)
from relais.models.residence import ResidenceStatus
from relais.models.work import WorkCheck, WorkContext

# The migrations name the phone validator by its old path (relais.models.<name>).
from tisseurs.phones import validate_phone

__all__ = [
    "ALERT_DAYS",
    "DOCUMENT_EXTENSIONS",
    "DOCUMENT_MAX_BYTES",
    "EXPIRY_ALERT_DAYS",
    "MINIMUM_AGE",
    "ONEM_WORKING_DAYS",
    "RECONFIRM_DAYS",
    "AuthorityAnswer",
    "FormationAttendance",
    "ResidenceStatus",
    "BenefitGate",
    "Convention",
    "Document",
    "Formation",
    "InsurancePolicy",
    "JournalEntry",
    "NoteAcknowledgement",
    "NoteVersion",
    "NoteVersionQuerySet",
    "Regime",
    "Relais",
    "RelaisLanguage",
    "RelaisQuerySet",
    "RelaisRegime",
    "RelaisRegimeChange",
    "WORK_DATA",
    "WorkCheck",
    "WorkContext",
    "add_working_days",
    "document_alerts",
    "document_upload_to",
    "format_day",
    "validate_document_file",
    "validate_not_in_future",
    "validate_phone",
]
