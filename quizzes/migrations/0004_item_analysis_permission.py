"""The permission to see a quiz's item analysis, for HR and Editors.

Created here by hand (0005 then declares it in Quiz.Meta.permissions, so a flush brings it back). HR also gets
into the Wagtail admin, where the analysis is shown.
"""

from django.db import migrations

CODENAME = "view_item_analysis"
NAME = "Can see quiz item analysis"


def add_permission(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    quiz_type, _ = ContentType.objects.get_or_create(app_label="quizzes", model="quiz")
    permission, _ = Permission.objects.get_or_create(content_type=quiz_type, codename=CODENAME, defaults={"name": NAME})
    admin_access = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    hr, _ = Group.objects.get_or_create(name="HR")
    hr.permissions.add(permission, admin_access)
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(permission)


def remove_permission(apps, schema_editor):
    # HR keeps its admin access: someone may have granted it for another reason.
    Permission = apps.get_model("auth.Permission")
    Permission.objects.filter(content_type__app_label="quizzes", codename=CODENAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("quizzes", "0003_question_bank"),
        ("training", "0002_roles"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(add_permission, remove_permission)]
