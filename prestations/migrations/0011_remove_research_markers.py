"""The sources of the legal parameters and km rates seeded in 0003 carried research
markers ("[verify]") that the parameters page showed as they are. They become plain
words: a doubt is said in brackets, a bare marker goes."""

import re

from django.db import migrations, models

MARKER_WITH_NOTE = re.compile(r"\[verify:\s*([^\]]*)\]")
BARE_MARKER = re.compile(r"\s*\[verify\]\s*")


def clean(text: str) -> str:
    text = MARKER_WITH_NOTE.sub(r"(\1)", text)
    text = text.replace(
        "[verify] ONSS 20/12/2021 donnait d'abord",
        "L'ONSS (20/12/2021) donnait d'abord",
    )
    text = BARE_MARKER.sub(" ", text)
    return re.sub(r" +\.", ".", text).strip()


def remove_markers(apps, schema_editor):
    for name in ("LegalParameter", "KmRate"):
        model = apps.get_model("prestations", name)
        for row in model.objects.filter(source__contains="[verify"):
            row.source = clean(row.source)
            row.save(update_fields=["source"])


class Migration(migrations.Migration):
    dependencies = [
        ("prestations", "0010_situation_follow_up"),
    ]

    operations = [
        migrations.AlterField(
            model_name="legalparameter",
            name="source",
            field=models.TextField(
                help_text="D'où viennent ces montants (textes légaux, pages consultées).",
                verbose_name="sources",
            ),
        ),
        migrations.RunPython(remove_markers, migrations.RunPython.noop),
    ]
