"""A theme's label becomes translated like the directory's texts (modeltranslation):
`label` is read in the reader's language, else French. The former label_fr,
label_nl and label_en columns keep their names and data; label_ar, label_tr,
label_ro and label_bg are new, and the seeded themes get their text in each."""

from django.db import migrations, models
from django.db.models import F

# code: (Arabic, Turkish, Romanian, Bulgarian), the seeded list of 0002_themes.
LABELS = {
    "droits-sociaux": (
        "الحقوق الاجتماعية والأوراق الإدارية",
        "Sosyal haklar ve resmi işlemler",
        "Drepturi sociale și acte administrative",
        "Социални права и документи",
    ),
    "sante-physique": (
        "الصحة الجسدية",
        "Beden sağlığı",
        "Sănătatea corpului",
        "Физическо здраве",
    ),
    "sante-mentale": (
        "الصحة النفسية",
        "Ruh sağlığı",
        "Sănătate mintală",
        "Психично здраве",
    ),
    "logement": ("السكن", "Konut", "Locuință", "Жилище"),
    "expulsion": (
        "خطر الطرد من السكن",
        "Evden çıkarılma riski",
        "Risc de evacuare din locuință",
        "Риск от изгонване от жилището",
    ),
    "revenus-dettes": (
        "الدخل والديون",
        "Gelir ve borçlar",
        "Venituri și datorii",
        "Доходи и дългове",
    ),
    "alimentation": ("الغذاء", "Gıda", "Hrană", "Храна"),
    "isolement": (
        "العزلة والروابط الاجتماعية",
        "Yalnızlık ve sosyal bağlar",
        "Singurătate și legături sociale",
        "Самота и социални връзки",
    ),
    "numerique": ("الرقمي", "Dijital", "Digital", "Дигитални умения"),
    "sejour": ("حق الإقامة", "Oturma hakkı", "Drept de ședere", "Право на пребиваване"),
    "violences": ("العنف", "Şiddet", "Violență", "Насилие"),
    "famille-enfants": (
        "العائلة والأطفال",
        "Aile ve çocuklar",
        "Familie și copii",
        "Семейство и деца",
    ),
    "autre": ("أخرى", "Diğer", "Altele", "Друго"),
}
LANGUAGES = ("ar", "tr", "ro", "bg")


def fill(apps, schema_editor):
    Theme = apps.get_model("ressources", "Theme")
    Theme.objects.update(label=F("label_fr"))
    for code, labels in LABELS.items():
        Theme.objects.filter(code=code).update(
            **{
                f"label_{language}": text
                for language, text in zip(LANGUAGES, labels, strict=True)
            }
        )


def unfill(apps, schema_editor):
    Theme = apps.get_model("ressources", "Theme")
    # the former columns were NOT NULL (label_en blank)
    Theme.objects.filter(label_fr__isnull=True).update(label_fr=F("label"))
    Theme.objects.filter(label_nl__isnull=True).update(label_nl=F("label_fr"))
    Theme.objects.filter(label_en__isnull=True).update(label_en="")


def label(**options):
    return models.CharField(max_length=100, verbose_name="libellé", **options)


class Migration(migrations.Migration):
    dependencies = [
        ("ressources", "0008_directory_sorted_by_french_name"),
    ]

    operations = [
        migrations.AddField(
            model_name="theme",
            name="label",
            field=label(default=""),
            preserve_default=False,
        ),
        *[
            migrations.AddField(
                model_name="theme",
                name=f"label_{language}",
                field=label(null=True),
            )
            for language in LANGUAGES
        ],
        *[
            migrations.AlterField(
                model_name="theme",
                name=f"label_{language}",
                field=label(null=True),
            )
            for language in ("en", "fr", "nl")
        ],
        migrations.RunPython(fill, unfill),
    ]
