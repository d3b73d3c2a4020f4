# The validated month of the payment tests, with real IBANs, reused as is.
from tests.prestations.test_fiche_views import march, validated_march  # noqa: F401
