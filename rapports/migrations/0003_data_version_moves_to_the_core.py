"""The data version now belongs to the core (tisseurs.freshness, whose first
migration took its table): this app forgets the model, the table stays."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("rapports", "0002_data_version"),
        ("freshness", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="DataVersion")],
            database_operations=[],
        ),
    ]
