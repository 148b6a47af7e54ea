"""Course content from structured data (the starter course ships this way), and the review before publishing."""

import json

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Locale,
    Page,
    PageViewRestriction,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from quizzes.models import Category, Choice, Question, Quiz, QuizQuestion

from .models import CaseStudyPage, CodeOfConductLessonPage, CoursePage, GuidelineLessonPage, HomePage

LESSON_KINDS = {
    "guideline": GuidelineLessonPage,
    "code_of_conduct": CodeOfConductLessonPage,
    "case_study": CaseStudyPage,
}
CASE_FIELDS = ("situation", "what_happened", "what_to_learn")


HOME_INTRO = (
    "<p>Patients, colleagues and the public talk about health on social media every day. "
    "This is where our staff learn to join in confidently and within the rules.</p>"
)


def page_tree_root_ensure() -> Page:
    """The root of the page tree (not a page anyone sees: it holds the home page), created when missing."""
    Locale.objects.get_or_create(language_code="en")
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))


@transaction.atomic
def home_page_ensure() -> HomePage:
    """The site's home page, created (with the page tree root and default site) when missing."""
    home = HomePage.objects.first()
    if home:
        return home
    root = page_tree_root_ensure()
    root.get_children().filter(slug="home").delete()
    home = root.add_child(instance=HomePage(title="Social confidence", slug="home", intro=HOME_INTRO))
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Social Confidence")
    return home


def _publish(page, user=None):
    revision = page.save_revision(user=user, log_action=True)
    revision.publish(user=user)
    page.refresh_from_db()
    return page


def quiz_create_from_data(*, data: dict, lesson_titles: dict[str, str]) -> Quiz:
    quiz = Quiz.objects.create(
        title=data["title"],
        slug=data["slug"],
        description=data.get("description", ""),
        pass_mark=data["pass_mark"],
        success_text=data.get("success_text", ""),
        fail_text=data.get("fail_text", ""),
        shuffle_answers=data.get("shuffle_answers", False),
        review_mode=data.get("review_mode", Quiz.ReviewMode.AT_END),
    )
    bank, _ = Category.objects.get_or_create(name=data["title"][:200], parent=None)
    for order, item in enumerate(data["questions"], start=1):
        topic = lesson_titles.get(item.get("lesson", ""), "")
        category, _ = Category.objects.get_or_create(name=topic[:200], parent=bank) if topic else (bank, False)
        question = Question.objects.create(
            category=category,
            kind=item["kind"],
            text=item["text"],
            explanation=item.get("explanation", ""),
            topic=topic,
        )
        QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=order)
        Choice.objects.bulk_create(
            Choice(question=question, text=choice["text"], is_correct=choice["correct"], sort_order=position)
            for position, choice in enumerate(item["choices"])
        )
    return quiz


@transaction.atomic
def course_create_from_data(*, parent, data: dict, user=None) -> CoursePage:
    """Create and publish a course, its lessons and its quiz. Learners must log in to read it."""
    lesson_titles = {lesson["slug"]: lesson["title"] for lesson in data["lessons"]}
    quiz = quiz_create_from_data(data=data["quiz"], lesson_titles=lesson_titles) if data.get("quiz") else None
    course = CoursePage(
        title=data["title"],
        slug=data.get("slug") or slugify(data["title"]),
        intro=data.get("intro", ""),
        validity_months=data.get("validity_months", 12),
        quiz=quiz,
    )
    parent.add_child(instance=course)
    _publish(course, user)
    PageViewRestriction.objects.get_or_create(page=course, restriction_type=PageViewRestriction.LOGIN)
    for lesson_data in data["lessons"]:
        model = LESSON_KINDS[lesson_data["kind"]]
        fields = {
            "title": lesson_data["title"],
            "slug": lesson_data["slug"],
            "summary": lesson_data.get("summary", ""),
            "body": json.dumps(lesson_data.get("body", [])),
        }
        if model is CodeOfConductLessonPage and lesson_data.get("acknowledgement_text"):
            fields["acknowledgement_text"] = lesson_data["acknowledgement_text"]
        if model is CaseStudyPage:
            fields.update({name: lesson_data[name] for name in CASE_FIELDS})
        lesson = model(**fields)
        course.add_child(instance=lesson)
        _publish(lesson, user)
    return course


REVIEW_WORKFLOW = "Medical-Legal review"
# In the order they run: the task, and the group whose members approve it (training.roles gives them admin access).
REVIEW_TASKS = [("Legal review", "Legal reviewers"), ("Medical review", "Medical reviewers")]


def group_page_permissions_ensure(*, group: Group, actions: list[str]) -> None:
    """Give `group` these page actions ("add", "change", "lock", ...) over the whole page tree.

    Page rights are Wagtail's GroupPagePermission rows on a page and its descendants, not model permissions.
    Adds only: rights the group already has are kept.
    """
    root = page_tree_root_ensure()
    for action in actions:
        permission = Permission.objects.get(content_type__app_label="wagtailcore", codename=f"{action}_page")
        GroupPagePermission.objects.get_or_create(group=group, page=root, permission=permission)


@transaction.atomic
def review_workflow_ensure() -> Workflow:
    """The "Medical-Legal review" workflow, on the root of the page tree so that every course and lesson, including
    those created later, is approved by legal, then medical reviewers before it is published.

    The same as migration cms 0005 sets up, restored where missing (a fresh demo database, tests that empty the
    database). Reviewers an administrator added to the tasks are kept.
    """
    workflow, _ = Workflow.objects.get_or_create(name=REVIEW_WORKFLOW, defaults={"active": True})
    for order, (task_name, group_name) in enumerate(REVIEW_TASKS):
        group, _ = Group.objects.get_or_create(name=group_name)
        task = GroupApprovalTask.objects.filter(name=task_name).first() or GroupApprovalTask.objects.create(
            name=task_name
        )
        task.groups.add(group)
        WorkflowTask.objects.update_or_create(workflow=workflow, task=task, defaults={"sort_order": order})
    WorkflowPage.objects.update_or_create(page=page_tree_root_ensure(), defaults={"workflow": workflow})
    return workflow
