"""The groups behind the product's roles. Migrations create them; this restores them where they are missing."""

from django.contrib.auth.models import Group, Permission

from cms.services import group_page_permissions_ensure

ROLE_PERMISSIONS = {
    "HR": [
        ("training", "view_reports"),
        ("wagtailadmin", "access_admin"),
        ("quizzes", "view_item_analysis"),
        ("quizzes", "mark_essays"),
        ("training", "view_auditevent"),
    ],
    "Editors": [
        ("wagtailadmin", "access_admin"),
        # "Translate" on a course or lesson: a draft copy in another language, reviewed like any other change.
        ("simple_translation", "submit_translation"),
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
    # The review of every page before it is published (cms.services.review_workflow_ensure, docs/governance.md).
    "Legal reviewers": [("wagtailadmin", "access_admin")],
    "Medical reviewers": [("wagtailadmin", "access_admin")],
    # Inspectors and quality staff read (and export) the audit trail of training records, and nothing else.
    "Auditors": [("training", "view_auditevent")],
}
# Rights over the page tree (Wagtail's page permissions, not model permissions). Editors write and submit pages for
# review. Reviewers need no right to review: Wagtail opens a page to a group while it waits at that group's task.
# "lock", the weakest right, lets them browse the pages in the admin, where Wagtail also sends them after a decision.
# No role may publish directly, or a page could go live without its legal and medical approval.
ROLE_PAGE_ACTIONS = {
    "Editors": ["add", "change"],
    "Legal reviewers": ["lock"],
    "Medical reviewers": ["lock"],
}


def roles_ensure() -> dict[str, Group]:
    groups = {}
    for name, permissions in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(
            *(Permission.objects.get(content_type__app_label=app, codename=codename) for app, codename in permissions)
        )
        groups[name] = group
    for name, actions in ROLE_PAGE_ACTIONS.items():
        group_page_permissions_ensure(group=groups[name], actions=actions)
    return groups
