# Renames the training attendance so that it cannot be confused with the counted
# attendance of an activity (activites.Frequentation). No data changes.

from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):
    dependencies = [
        ("relais", "0005_acknowledgement_not_in_future"),
    ]

    operations = [
        migrations.RenameModel(old_name="Attendance", new_name="FormationAttendance"),
        migrations.RemoveConstraint(
            model_name="formationattendance", name="attendance_unique"
        ),
        migrations.RemoveConstraint(
            model_name="formationattendance", name="attendance_hours_positive"
        ),
        migrations.AlterField(
            model_name="formationattendance",
            name="relais",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.CASCADE,
                related_name="formation_attendances",
                to="relais.relais",
                verbose_name="relais",
            ),
        ),
        migrations.AddConstraint(
            model_name="formationattendance",
            constraint=models.UniqueConstraint(
                fields=("formation", "relais"), name="formationattendance_unique"
            ),
        ),
        migrations.AddConstraint(
            model_name="formationattendance",
            constraint=models.CheckConstraint(
                condition=models.Q(("hours__gte", 0)),
                name="formationattendance_hours_positive",
            ),
        ),
    ]
