"""The groups the product's roles rely on: HR sees reports; Editors also manage quizzes."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

EDITOR_QUIZ_PERMISSIONS = [
    ("quizzes", "add_quiz"), ("quizzes", "change_quiz"), ("quizzes", "view_quiz"),
    ("quizzes", "add_question"), ("quizzes", "change_question"), ("quizzes", "view_question"),
]


def create_roles(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    hr, _ = Group.objects.get_or_create(name="HR")
    hr.permissions.add(Permission.objects.get(content_type__app_label="training", codename="view_reports"))
    editors, _ = Group.objects.get_or_create(name="Editors")
    for app_label, codename in EDITOR_QUIZ_PERMISSIONS:
        editors.permissions.add(Permission.objects.get(content_type__app_label=app_label, codename=codename))


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0001_initial"),
        ("quizzes", "0002_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(create_roles, migrations.RunPython.noop)]
