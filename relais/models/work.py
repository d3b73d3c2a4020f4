"""`WorkCheck`, the answer of `Relais.can_work_on(day)`, and `WorkContext`, the
organisation-level facts that check reads (loaded once for many relais)."""

from dataclasses import dataclass, field
from datetime import date

from relais.models.legal import InsurancePolicy, NoteVersion


@dataclass(frozen=True)
class WorkCheck:
    """The answer of `Relais.can_work_on(day)`: ok, or the reasons why not."""

    day: date
    reasons: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.reasons


@dataclass
class WorkContext:
    """Organisation-level facts every check needs: the current note version and the
    insurance policies. Load once, pass to many `can_work_on` calls."""

    note: NoteVersion | None
    policies: list[InsurancePolicy]

    @classmethod
    def load(cls) -> "WorkContext":
        return cls(
            note=NoteVersion.objects.current(),
            policies=list(InsurancePolicy.objects.all()),
        )

    def liability_policy_on(self, day: date) -> InsurancePolicy | None:
        for policy in self.policies:
            if policy.kind == InsurancePolicy.Kind.CIVIL_LIABILITY and policy.covers(
                day
            ):
                return policy
        return None
