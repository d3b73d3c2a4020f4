"""Create the four role groups. Role checks read group names (tisseurs/roles.py)."""

from django.db import migrations

ROLES = ("coordination", "relais", "direction", "comite")


def create_roles(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLES:
        Group.objects.get_or_create(name=name)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLES).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial")]

    operations = [migrations.RunPython(create_roles, remove_roles)]
