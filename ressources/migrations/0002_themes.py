"""Seed the shared theme list (situations, activities and services all use it)."""

from django.db import migrations

THEMES = [
    (
        "droits-sociaux",
        "Droits sociaux et démarches administratives",
        "Sociale rechten en administratie",
        "Social rights and paperwork",
        "📄",
    ),
    (
        "sante-physique",
        "Santé physique",
        "Lichamelijke gezondheid",
        "Physical health",
        "🩺",
    ),
    ("sante-mentale", "Santé mentale", "Geestelijke gezondheid", "Mental health", "🧠"),
    ("logement", "Logement", "Huisvesting", "Housing", "🏠"),
    (
        "expulsion",
        "Risque d'expulsion",
        "Risico op uithuiszetting",
        "Risk of eviction",
        "⚠",
    ),
    (
        "revenus-dettes",
        "Revenus et dettes",
        "Inkomen en schulden",
        "Income and debts",
        "€",
    ),
    ("alimentation", "Alimentation", "Voeding", "Food", "🍞"),
    (
        "isolement",
        "Isolement et lien social",
        "Isolement en sociale contacten",
        "Isolation and social ties",
        "🤝",
    ),
    ("numerique", "Numérique", "Digitaal", "Digital", "📱"),
    ("sejour", "Droit de séjour", "Verblijfsrecht", "Residence status", "🛂"),
    ("violences", "Violences", "Geweld", "Violence", "🛡"),
    (
        "famille-enfants",
        "Famille et enfants",
        "Gezin en kinderen",
        "Family and children",
        "👪",
    ),
    ("autre", "Autre", "Andere", "Other", "…"),
]


def seed(apps, schema_editor):
    Theme = apps.get_model("ressources", "Theme")
    for position, (code, fr, nl, en, picto) in enumerate(THEMES, start=1):
        Theme.objects.update_or_create(
            code=code,
            defaults={
                "label_fr": fr,
                "label_nl": nl,
                "label_en": en,
                "pictogram": picto,
                "position": position,
            },
        )


def unseed(apps, schema_editor):
    codes = [code for code, *_ in THEMES]
    apps.get_model("ressources", "Theme").objects.filter(code__in=codes).delete()


class Migration(migrations.Migration):
    dependencies = [("ressources", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
