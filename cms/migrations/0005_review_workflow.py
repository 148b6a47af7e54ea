"""Nothing goes live unreviewed: every page passes a legal, then a medical review before it is published.

Creates the groups "Legal reviewers" and "Medical reviewers", their approval tasks, and the workflow
"Medical-Legal review" with the tasks in that order. Reviewers get admin access and the weakest page right, "lock",
which lets them browse the pages in the admin; Wagtail lets a group open, edit and decide on a page while it waits
at that group's task, so reviewing needs nothing more. The workflow is assigned to the root of the page tree, so every
course and lesson, including those created later, inherits it; this replaces Wagtail's default "Moderators approval"
there. Editors keep adding and changing pages; Editors and Moderators lose the right to publish directly, which would
skip the reviews. Safe to run again. training.roles.roles_ensure() and cms.services.review_workflow_ensure() restore
the same where a database lost it (the demo, tests).
"""

from django.db import migrations

WORKFLOW = "Medical-Legal review"
# In the order they run: the task, and the group whose members approve it.
TASKS = [("Legal review", "Legal reviewers"), ("Medical review", "Medical reviewers")]
# Rights over the whole page tree. Nobody may publish: that would skip the reviews.
PAGE_ACTIONS = {"Editors": ["add", "change"], "Legal reviewers": ["lock"], "Medical reviewers": ["lock"]}
# Wagtail's own groups: its first migration gave Moderators the right to publish any page.
NO_DIRECT_PUBLISH = ["Editors", "Moderators"]


def review_workflow_create(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    Page = apps.get_model("wagtailcore", "Page")
    GroupPagePermission = apps.get_model("wagtailcore", "GroupPagePermission")
    GroupApprovalTask = apps.get_model("wagtailcore", "GroupApprovalTask")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    WorkflowTask = apps.get_model("wagtailcore", "WorkflowTask")
    WorkflowPage = apps.get_model("wagtailcore", "WorkflowPage")

    access_admin = Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    # Historical models skip Task.__init__, which records the concrete task type; Wagtail needs it to find the task.
    task_type, _ = ContentType.objects.get_or_create(app_label="wagtailcore", model="groupapprovaltask")
    workflow, _ = Workflow.objects.get_or_create(name=WORKFLOW, defaults={"active": True})
    for order, (task_name, group_name) in enumerate(TASKS):
        group, _ = Group.objects.get_or_create(name=group_name)
        group.permissions.add(access_admin)
        task = GroupApprovalTask.objects.filter(name=task_name).first()
        if task is None:
            task = GroupApprovalTask.objects.create(name=task_name, content_type=task_type, active=True)
        task.groups.add(group)
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})

    root = Page.objects.filter(depth=1).order_by("path").first()
    if root is None:
        return
    WorkflowPage.objects.update_or_create(page=root, defaults={"workflow": workflow})

    for group_name, actions in PAGE_ACTIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for action in actions:
            permission = Permission.objects.get(
                content_type__app_label="wagtailcore", content_type__model="page", codename=f"{action}_page"
            )
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)
    GroupPagePermission.objects.filter(group__name__in=NO_DIRECT_PUBLISH, permission__codename="publish_page").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("cms", "0004_certificate_template"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [migrations.RunPython(review_workflow_create, migrations.RunPython.noop)]
