from django.db import migrations

# The names as they were when this migration was written; accounts.roles.Role holds them now.
# Permissions are given after migrate by accounts.services.sync_role_permissions.
ROLE_GROUPS = ["管理员", "督查协调员", "单位信息员", "领导"]


def create_groups(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    for name in ROLE_GROUPS:
        Group.objects.get_or_create(name=name)


def delete_groups(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=ROLE_GROUPS).delete()


class Migration(migrations.Migration):
    dependencies = [("accounts", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(create_groups, delete_groups)]
