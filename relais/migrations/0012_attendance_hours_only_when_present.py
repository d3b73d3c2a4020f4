"""An excused or absent relais counts 0 hours of training: existing rows that said
otherwise are set to 0 before the constraint is added."""

from django.db import migrations, models


def zero_hours_unless_present(apps, schema_editor):
    FormationAttendance = apps.get_model("relais", "FormationAttendance")
    FormationAttendance.objects.exclude(status="present").exclude(hours=0).update(
        hours=0
    )


class Migration(migrations.Migration):
    dependencies = [
        ("relais", "0011_relais_status_suspended"),
    ]

    operations = [
        migrations.RunPython(zero_hours_unless_present, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="formationattendance",
            name="hours",
            field=models.DecimalField(
                decimal_places=1,
                default=0,
                help_text="Seule une présence compte des heures.",
                max_digits=4,
                verbose_name="heures",
            ),
        ),
        migrations.AddConstraint(
            model_name="formationattendance",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("status", "present"), ("hours", 0), _connector="OR"
                ),
                name="formationattendance_hours_only_when_present",
            ),
        ),
    ]
