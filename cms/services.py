"""Course content from structured data (the starter course ships this way), and the review before publishing."""

import json

from django.conf import settings
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

from .content import HOME
from .models import CaseStudyPage, CodeOfConductLessonPage, CoursePage, GuidelineLessonPage, HomePage

LESSON_KINDS = {
    "guideline": GuidelineLessonPage,
    "code_of_conduct": CodeOfConductLessonPage,
    "case_study": CaseStudyPage,
}
CASE_FIELDS = ("situation", "what_happened", "what_to_learn")


def locales_ensure() -> None:
    """A Wagtail locale for each content language (as migration cms 0007 creates them)."""
    for code, _name in settings.WAGTAIL_CONTENT_LANGUAGES:
        Locale.objects.get_or_create(language_code=code)


def page_tree_root_ensure() -> Page:
    """The root of the page tree (not a page anyone sees: it holds the home page), created when missing."""
    locales_ensure()
    return Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))


@transaction.atomic
def home_page_ensure() -> HomePage:
    """The site's home page, created (with the page tree root, the default site and the home page in each content
    language) when missing."""
    root = page_tree_root_ensure()
    home = HomePage.objects.filter(locale=Locale.get_default()).first()
    if home:
        home_translations_ensure(home)
        return home
    root.get_children().filter(slug="home").delete()
    title, intro = HOME[settings.LANGUAGE_CODE]
    home = root.add_child(instance=HomePage(title=title, slug="home", intro=intro))
    Site.objects.filter(is_default_site=True).delete()
    Site.objects.create(hostname="localhost", root_page=home, is_default_site=True, site_name="Social Confidence")
    home_translations_ensure(home)
    return home


def home_translations_ensure(home: HomePage | None = None) -> None:
    """The home page published in every content language, so that editors can translate any course ("Translate"
    needs the parent page translated first). Also run after `migrate` (cms.apps), for sites made before."""
    home = home or HomePage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).first()
    if home is None:  # an empty database (a new one, or emptied by `flush`)
        return
    for locale in Locale.objects.exclude(pk=home.locale_id):
        if home.has_translation(locale):
            continue
        translation = home.copy_for_translation(locale)
        translation.title, translation.intro = HOME.get(locale.language_code, (home.title, home.intro))
        _publish(translation)


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
        lesson = model(slug=lesson_data["slug"], **_translation_fields(model, lesson_data))
        course.add_child(instance=lesson)
        _publish(lesson, user)
    return course


def _translation_fields(model, data: dict) -> dict:
    fields = {"title": data["title"], "summary": data.get("summary", ""), "body": json.dumps(data.get("body", []))}
    if model is CodeOfConductLessonPage and data.get("acknowledgement_text"):
        fields["acknowledgement_text"] = data["acknowledgement_text"]
    if model is CaseStudyPage:
        fields.update({name: data[name] for name in CASE_FIELDS})
    return fields


def _translation_ensure(page, locale: Locale):
    """`page`'s copy in `locale`, as Wagtail's "Translate" action makes it (its parent must be translated)."""
    existing = page.get_translation_or_none(locale)
    if existing is not None:
        return existing.specific
    return page.copy_for_translation(locale).specific


@transaction.atomic
def course_translation_create_from_data(*, course: CoursePage, language: str, data: dict, user=None) -> CoursePage:
    """Publish `course` and its lessons in `language`, written from `data` (the same structure as the source's data,
    lessons matched by slug, the quiz's questions and answers by position). Lessons `data` does not have stay
    untranslated: learners read them in the source language."""
    locale = Locale.objects.get(language_code=language)
    home_translations_ensure(course.get_parent().specific)
    translated = _translation_ensure(course, locale)
    translated.title = data["title"]
    translated.intro = data.get("intro", "")
    _publish(translated, user)
    lessons = {lesson["slug"]: lesson for lesson in data["lessons"]}
    for lesson in course.lessons().specific():
        if lesson.slug not in lessons:
            continue
        copy = _translation_ensure(lesson, locale)
        for name, value in _translation_fields(type(lesson), lessons[lesson.slug]).items():
            setattr(copy, name, value)
        _publish(copy, user)
    if course.quiz_id and data.get("quiz"):
        quiz_translation_set_from_data(quiz=course.quiz, language=language, data=data["quiz"])
    return translated


def quiz_translation_set_from_data(*, quiz: Quiz, language: str, data: dict) -> None:
    """Write `quiz`'s texts in `language` from `data` (the structure `quiz_create_from_data` takes): the questions
    in the quiz's order, each one's answers in their order."""
    quiz.translations[language] = {name: data[name] for name in Quiz.translated_fields if data.get(name)}
    quiz.save(update_fields=["translations"])
    links = quiz.quiz_questions.select_related("question").order_by("sort_order")
    for link, item in zip(links, data["questions"], strict=True):
        question = link.question
        question.translations[language] = {name: item[name] for name in Question.translated_fields if item.get(name)}
        question.save(update_fields=["translations"])
        for choice, choice_data in zip(question.choices.order_by("sort_order"), item["choices"], strict=True):
            choice.translations[language] = {"text": choice_data["text"]}
            choice.save(update_fields=["translations"])


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
