"""The data version moves from the reports app to the core (2026-11-27), so that every
app's pages can be cached under it: the model's state moves here, its table is
renamed, and the triggers are installed again to write to the new name (until then
a write to any app table would still name the old one)."""

from django.db import migrations, models


def reinstall_triggers(apps, schema_editor):
    from tisseurs.freshness.version import install_triggers

    connection = schema_editor.connection
    if connection.vendor == "sqlite":
        # SQLite's triggers carried the old table's name in their body, under
        # names of their own: dropped, then made again under the new names.
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT name FROM sqlite_master WHERE type = 'trigger' "
                "AND name LIKE 'tisseurs_touch_%'"
            )
            for (name,) in cursor.fetchall():
                cursor.execute(f"DROP TRIGGER {connection.ops.quote_name(name)}")
    install_triggers(connection.alias)


def remove_triggers(apps, schema_editor):
    # Back to the reports app: its own post_migrate installs them again.
    from tisseurs.freshness.version import uninstall_triggers

    uninstall_triggers(schema_editor.connection.alias)


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("rapports", "0002_data_version"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="DataVersion",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        ("token", models.CharField(max_length=40)),
                    ],
                    options={
                        "verbose_name": "version des données",
                        "verbose_name_plural": "versions des données",
                        "db_table": "rapports_dataversion",
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.AlterModelTable(name="DataVersion", table="tisseurs_dataversion"),
        migrations.RunPython(reinstall_triggers, remove_triggers),
    ]
