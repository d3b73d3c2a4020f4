"""The second-factor pages: each user's own steps, and the reset by coordination or
direction. (The suite runs with TWO_FACTOR_REQUIRED off and nobody enrolled, so the
own steps mostly redirect; tests/accounts/test_two_factor.py walks them through.)"""

from tests.permissions import Case

EVERYONE = ("coordination", "direction", "comite", "relais")

CASES = [
    Case("two_factor_verify", expect=dict.fromkeys(EVERYONE, 302)),
    Case("two_factor_enroll", expect=dict.fromkeys(EVERYONE, 200)),
    Case("two_factor_recovery_codes", expect=dict.fromkeys(EVERYONE, 302)),
    Case(
        "two_factor_recovery_codes_new",
        method="post",
        expect=dict.fromkeys(EVERYONE, 302),
    ),
    # Nobody in the matrix has a second factor to switch off.
    Case("two_factor_disable", method="post", expect={}),
    Case("two_factor_users", expect={"coordination": 200, "direction": 200}),
    Case(
        "two_factor_user_reset",
        method="post",
        kwargs=lambda w: {"pk": w.bruno.user.pk},
        expect={"coordination": 302, "direction": 302},
    ),
]
