"""Nothing goes live unreviewed: lessons pass the legal, then the medical review before they are published.

Through Wagtail's own admin views, as editors and reviewers use them. The database is the one the migrations built,
so the first tests see what migration cms 0005 set up.
"""

import importlib
import io

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils.html import strip_tags
from wagtail.models import (
    GroupPagePermission,
    Page,
    Task,
    TaskState,
    Workflow,
    WorkflowPage,
    WorkflowState,
    WorkflowTask,
)
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from cms.content.starter_course import COURSE
from cms.models import CoursePage, LessonPage
from cms.services import review_workflow_ensure
from tests.factories import UserFactory, authenticated, enrol, make_course
from training.models import LessonProgress

pytestmark = pytest.mark.django_db

WORKFLOW = "Medical-Legal review"
OLD_TEXT = "Body of lesson 1."
FIRST_DRAFT = "Say who you work for before you comment on a health story."
SECOND_DRAFT = "Say who you work for, and that the views are your own, before you comment on a health story."
CHANGES_REQUESTED = "Add that these are personal views; the code of practice asks for it."
# The review as review_setup() reads it.
EXPECTED = {
    "active": True,
    "tasks": [("Legal review", ["Legal reviewers"]), ("Medical review", ["Medical reviewers"])],
    "on_root": True,
}


def review_setup() -> dict:
    """What an administrator would read off the admin: the workflow, its tasks and groups, and where it applies."""
    workflow = Workflow.objects.get(name=WORKFLOW)
    tasks = [link.task.specific for link in WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")]
    return {
        "active": workflow.active,
        "tasks": [(task.name, sorted(task.groups.values_list("name", flat=True))) for task in tasks],
        "on_root": WorkflowPage.objects.get(page=Page.get_first_root_node()).workflow_id == workflow.pk,
    }


def page_rights(group_name: str) -> set[str]:
    return {
        codename.removesuffix("_page")
        for codename in GroupPagePermission.objects.filter(group__name=group_name).values_list(
            "permission__codename", flat=True
        )
    }


def counts() -> dict[str, int]:
    return {
        model.__name__: model.objects.count()
        for model in (Group, Workflow, Task, WorkflowTask, WorkflowPage, GroupPagePermission)
    }


@pytest.fixture
def reviewers(roles):
    legal = UserFactory(username="lena.legal")
    legal.groups.add(roles["Legal reviewers"])
    medical = UserFactory(username="max.medical")
    medical.groups.add(roles["Medical reviewers"])
    return legal, medical


@pytest.fixture
def lesson(course):
    return course.lessons().specific().first()


def edit_data(lesson, body_text: str, **action) -> dict:
    """The page editor's form as a browser posts it: every field as the editor shows it, with `body_text` as the
    lesson's only paragraph."""
    form = type(lesson).get_edit_handler().get_form_class()(instance=lesson, parent_page=lesson.get_parent())
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if name != "body" and value is not None and value is not False and value != "":
            data[name] = "on" if value is True else field.widget.format_value(value)
    stream = streamfield([("rich_text", rich_text(f"<p>{body_text}</p>"))])
    return {**data, **nested_form_data({"body": stream, "comments": inline_formset([])}), **action}


def edit_and_submit(client, lesson, body_text):
    response = client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), edit_data(lesson, body_text, **{"action-submit": "1"})
    )
    assert response.status_code == 302, response.context["form"].errors.as_text()


def act(client, lesson, action: str, comment: str = ""):
    """A reviewer's button on the page's current task: "approve" or "reject" (Wagtail's "Request changes")."""
    task_state = LessonPage.objects.get(pk=lesson.pk).current_workflow_task_state
    url = reverse("wagtailadmin_pages:workflow_action", args=[lesson.pk, action, task_state.pk])
    return client.post(url, {"comment": comment})


def assert_refused(client, response):
    """Wagtail's admin answers a forbidden action by going back to the dashboard with an explanation."""
    assert response.status_code == 302 and response.url == reverse("wagtailadmin_home")
    assert "Sorry, you do not have permission to access this area." in client.get(response.url).text


def current_task(lesson) -> str | None:
    task_state = LessonPage.objects.get(pk=lesson.pk).current_workflow_task_state
    return task_state.task.name if task_state else None


def text_of(page) -> str:
    return " ".join(strip_tags(block.value.source) for block in page.body)


def live_text(lesson) -> str:
    return text_of(LessonPage.objects.get(pk=lesson.pk).specific)


def draft_text(lesson) -> str:
    return text_of(LessonPage.objects.get(pk=lesson.pk).get_latest_revision_as_object())


def learner_sees(client, user, lesson) -> str:
    client.force_login(user)
    return client.get(LessonPage.objects.get(pk=lesson.pk).url).content.decode()


# Set-up: the migration, the seed and the service that restores them


def test_the_migration_sets_up_the_review_and_takes_direct_publishing_away():
    assert review_setup() == EXPECTED
    for reviewers in ("Legal reviewers", "Medical reviewers"):
        group = Group.objects.get(name=reviewers)
        assert group.permissions.filter(codename="access_admin").exists()
        assert page_rights(reviewers) == {"lock"}  # enough to browse the pages; they review through their task
    assert page_rights("Editors") == {"add", "change"}
    assert "publish" not in page_rights("Moderators")
    assert not GroupPagePermission.objects.filter(permission__codename="publish_page").exists()


def test_every_course_and_lesson_is_covered_including_those_created_later(editor):
    workflow = Workflow.objects.get(name=WORKFLOW)
    course = make_course(title="Added after the migration")
    pages = [course, *course.lessons().specific()]
    assert len(pages) == 4
    for page in pages:
        assert page.get_workflow() == workflow
        permissions = page.permissions_for_user(editor)
        assert permissions.can_edit() and not permissions.can_publish()
    assert course.permissions_for_user(editor).can_add_subpage()


def test_running_the_migration_again_changes_nothing():
    migration = importlib.import_module("cms.migrations.0005_review_workflow")
    before = counts()

    migration.review_workflow_create(apps, None)
    review_workflow_ensure()

    assert counts() == before
    assert review_setup() == EXPECTED


def test_the_service_restores_the_review_in_an_emptied_database(roles):
    """Tests that empty the database (browser tests) and a fresh demo database rely on it."""
    Workflow.objects.all().delete()
    Task.objects.all().delete()
    Group.objects.filter(name__endswith=" reviewers").delete()
    course = make_course()

    workflow = review_workflow_ensure()

    assert review_setup() == EXPECTED
    assert course.lessons().first().get_workflow() == workflow


def test_seed_demo_adds_the_reviewers_and_puts_the_starter_course_under_review():
    call_command("seed_demo", stdout=io.StringIO())
    User = get_user_model()

    legal, medical, editor = (User.objects.get(username=name) for name in ("legal", "medical", "editor"))
    assert authenticated(username="legal", password="legal") == legal
    assert authenticated(username="medical", password="medical") == medical
    assert list(legal.groups.values_list("name", flat=True)) == ["Legal reviewers"]
    assert list(medical.groups.values_list("name", flat=True)) == ["Medical reviewers"]
    assert list(editor.groups.values_list("name", flat=True)) == ["Editors"]
    assert legal.has_perm("wagtailadmin.access_admin") and medical.has_perm("wagtailadmin.access_admin")

    course = CoursePage.objects.get(slug=COURSE["slug"], locale__language_code="en")
    workflow = Workflow.objects.get(name=WORKFLOW)
    lessons = list(course.lessons().specific())
    assert len(lessons) == len(COURSE["lessons"])
    for lesson in lessons:
        assert lesson.live and lesson.get_workflow() == workflow
        assert not lesson.permissions_for_user(editor).can_publish()

    out = io.StringIO()
    call_command("demo_logins", stdout=out)
    assert "legal     / legal" in out.getvalue() and "medical   / medical" in out.getvalue()


# The editor


def test_the_editor_is_offered_the_review_not_publishing(client, editor, lesson):
    client.force_login(editor)

    page = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()

    assert f"Submit to {WORKFLOW}" in page
    assert 'name="action-submit"' in page
    assert 'name="action-publish"' not in page


def test_an_editor_cannot_publish_directly(client, editor, lesson, employee, course):
    enrol(employee, course)
    live_revision = lesson.live_revision_id
    client.force_login(editor)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), edit_data(lesson, FIRST_DRAFT, **{"action-publish": "1"})
    )
    client.post(reverse("wagtail_bulk_action", args=["wagtailcore", "page", "publish"]) + f"?id={lesson.pk}", {})

    lesson.refresh_from_db()
    assert lesson.live_revision_id == live_revision
    assert live_text(lesson) == OLD_TEXT
    assert lesson.has_unpublished_changes  # kept as a draft, for review
    assert draft_text(lesson) == FIRST_DRAFT
    learner_page = learner_sees(client, employee, lesson)
    assert OLD_TEXT in learner_page and FIRST_DRAFT not in learner_page


def test_a_superuser_can_still_publish_directly(client, lesson):
    """For emergencies (docs/governance.md); superusers should be few."""
    administrator = UserFactory(username="administrator", is_superuser=True, is_staff=True)
    client.force_login(administrator)

    client.post(
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]), edit_data(lesson, FIRST_DRAFT, **{"action-publish": "1"})
    )

    assert live_text(lesson) == FIRST_DRAFT


# The whole loop


def test_legal_then_medical_approve_before_the_learner_reads_the_change(
    client, editor, reviewers, lesson, employee, course
):
    legal, medical = reviewers
    enrolment = enrol(employee, course)
    original_revision = lesson.live_revision_id

    client.force_login(editor)
    edit_and_submit(client, lesson, FIRST_DRAFT)
    assert current_task(lesson) == "Legal review"
    # The legal reviewers hear about it; the medical reviewers once legal approved.
    assert any(legal.email in message.to for message in mail.outbox)
    assert not any(medical.email in message.to for message in mail.outbox)
    assert live_text(lesson) == OLD_TEXT

    # The text under review is the text that is approved: the editor cannot change it meanwhile.
    client.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), edit_data(lesson, "A late afterthought."))
    assert draft_text(lesson) == FIRST_DRAFT

    client.force_login(legal)
    assert act(client, lesson, "approve").status_code == 302
    assert current_task(lesson) == "Medical review"
    assert any(medical.email in message.to for message in mail.outbox)
    assert live_text(lesson) == OLD_TEXT

    client.force_login(medical)
    assert FIRST_DRAFT in client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).text
    assert act(client, lesson, "reject", CHANGES_REQUESTED).status_code == 302
    assert LessonPage.objects.get(pk=lesson.pk).current_workflow_state.status == WorkflowState.STATUS_NEEDS_CHANGES
    assert any(editor.email in message.to and CHANGES_REQUESTED in message.body for message in mail.outbox)
    assert live_text(lesson) == OLD_TEXT

    # The editor reads why, changes the text and sends it back.
    client.force_login(editor)
    edit_page = client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).text
    assert CHANGES_REQUESTED in edit_page
    assert "Resubmit to Medical review" in edit_page
    edit_and_submit(client, lesson, SECOND_DRAFT)

    # Medical checks the change it asked for; legal approved the earlier text, so it reviews the new one too.
    assert current_task(lesson) == "Medical review"
    client.force_login(medical)
    act(client, lesson, "approve")
    assert current_task(lesson) == "Legal review"
    assert live_text(lesson) == OLD_TEXT
    client.force_login(legal)
    act(client, lesson, "approve")

    lesson = LessonPage.objects.get(pk=lesson.pk).specific
    assert lesson.current_workflow_state is None
    assert live_text(lesson) == SECOND_DRAFT
    assert lesson.live_revision_id != original_revision
    approved = TaskState.objects.filter(status=TaskState.STATUS_APPROVED, revision=lesson.live_revision)
    assert sorted(approved.values_list("task__name", flat=True)) == ["Legal review", "Medical review"]

    learner_page = learner_sees(client, employee, lesson)
    assert SECOND_DRAFT in learner_page and OLD_TEXT not in learner_page
    client.post(reverse("training:lesson_complete", args=[lesson.pk]))
    progress = LessonProgress.objects.get(enrolment=enrolment, lesson=lesson)
    assert progress.revision_id == lesson.live_revision_id
    assert text_of(progress.revision.as_object()) == SECOND_DRAFT


def test_a_reviewer_cannot_act_on_the_other_review(client, editor, reviewers, lesson):
    legal, medical = reviewers
    client.force_login(editor)
    edit_and_submit(client, lesson, FIRST_DRAFT)

    # At the legal review: neither the medical reviewer nor the editor may approve it or open it for review.
    for outsider in (medical, editor):
        client.force_login(outsider)
        assert_refused(client, act(client, lesson, "approve"))
    client.force_login(medical)
    assert_refused(client, client.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])))
    assert current_task(lesson) == "Legal review"

    client.force_login(legal)
    act(client, lesson, "approve")

    # At the medical review: the legal reviewer can neither approve it nor ask for changes in their place.
    assert_refused(client, act(client, lesson, "approve"))
    assert_refused(client, act(client, lesson, "reject", "Not mine to judge."))
    assert current_task(lesson) == "Medical review"
    assert live_text(lesson) == OLD_TEXT
