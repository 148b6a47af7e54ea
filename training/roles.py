"""The groups behind the product's roles. Migrations create them; this restores them where they are missing."""

from django.contrib.auth.models import Group, Permission

ROLE_PERMISSIONS = {
    "HR": [
        ("training", "view_reports"),
        ("wagtailadmin", "access_admin"),
        ("quizzes", "view_item_analysis"),
        ("quizzes", "mark_essays"),
    ],
    "Editors": [
        ("wagtailadmin", "access_admin"),
        ("quizzes", "add_quiz"),
        ("quizzes", "change_quiz"),
        ("quizzes", "view_quiz"),
        ("quizzes", "add_question"),
        ("quizzes", "change_question"),
        ("quizzes", "view_question"),
        ("quizzes", "view_item_analysis"),
        ("quizzes", "mark_essays"),
        ("certificates", "add_certificatetemplate"),
        ("certificates", "change_certificatetemplate"),
        ("certificates", "view_certificatetemplate"),
    ],
    "Moderators": [("wagtailadmin", "access_admin")],
}


def roles_ensure() -> dict[str, Group]:
    groups = {}
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in permissions)
        )
        groups[name] = group
    return groups
