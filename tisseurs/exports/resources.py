"""The base of every django-import-export resource (see formats.py): native values
out, so the writers type them; defused text read back as it was on import."""

from import_export import resources

from tisseurs.exports.cells import is_risky


class TypedResource(resources.ModelResource):
    """Exports native values (None, int, Decimal, date) and names its sheet after
    the model, in the language of the request."""

    def export(self, queryset=None, **kwargs):
        kwargs["force_native_type"] = True
        dataset = super().export(queryset, **kwargs)
        dataset.title = str(self._meta.model._meta.verbose_name_plural).capitalize()
        return dataset

    def before_import_row(self, row, **kwargs):
        """Read back what the export defused: "'+32…" is the phone "+32…"."""
        super().before_import_row(row, **kwargs)
        for key, value in list(row.items()):
            if isinstance(value, str) and value[:1] == "'" and is_risky(value[1:]):
                row[key] = value[1:]
