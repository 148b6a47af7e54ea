"""Creating course content from structured data (the starter course ships this way)."""

import json

from django.db import transaction
from django.utils.text import slugify
from wagtail.models import Locale, Page, PageViewRestriction, Site

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


@transaction.atomic
def home_page_ensure() -> HomePage:
    """The site's home page, created (with the page tree root and default site) when missing."""
    home = HomePage.objects.first()
    if home:
        return home
    Locale.objects.get_or_create(language_code="en")
    root = Page.get_first_root_node() or Page.add_root(instance=Page(title="Root"))
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
