"""The audit trail page (and its export): direction only."""

from tests.permissions import Case

CASES = [
    Case("audit:audit_list", expect={"direction": 200}),
    Case(
        "audit:audit_list",
        query="format=xlsx&kind=login",
        expect={"direction": 200},
        label="get:audit:audit_list:xlsx",
    ),
]
