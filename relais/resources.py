"""Import and export of the relais list (django-import-export).

Every import is all or nothing: one bad row rolls the whole file back, and the
per-row report says what to fix (docs/toolchain.md: the library commits
partial imports by default). IBAN and coordination notes are never exported.
"""

from import_export import fields

from relais.models import Relais
from relais.services import relais_set_languages
from tisseurs.exports.resources import TypedResource
from tisseurs.vocab import Language

EXPORT_FIELDS = (
    "id",
    "first_name",
    "last_name",
    "preferred_name",
    "phone",
    "email",
    "zone",
    "birth_year",
    "status",
    "status_since",
    "languages",
)


class RelaisResource(TypedResource):
    languages = fields.Field(column_name="languages", attribute=None)

    class Meta:
        model = Relais
        fields = EXPORT_FIELDS
        export_order = EXPORT_FIELDS
        clean_model_instances = True
        skip_unchanged = False
        use_transactions = True

    def import_data(self, dataset, *args, **kwargs):
        kwargs["use_transactions"] = True
        kwargs["rollback_on_validation_errors"] = True
        return super().import_data(dataset, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("spoken_languages")

    def dehydrate_languages(self, relais: Relais) -> str:
        return ",".join(relais.language_codes)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        codes = self._codes(row)
        unknown = [code for code in codes if code not in Language.values]
        if unknown:
            from django.core.exceptions import ValidationError
            from django.utils.translation import gettext

            raise ValidationError(
                {
                    "languages": gettext("Langue inconnue : %(codes)s.")
                    % {"codes": ", ".join(unknown)}
                }
            )

    def after_save_instance(self, instance, row, **kwargs):
        if "languages" in row:
            relais_set_languages(relais=instance, codes=self._codes(row))

    @staticmethod
    def _codes(row) -> list[str]:
        raw = row.get("languages") or ""
        return sorted({code.strip() for code in str(raw).split(",") if code.strip()})
