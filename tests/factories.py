"""Factories for the test suite. Courses are built through the same service the starter course uses."""

import datetime
import json

import factory
from django.contrib.auth import get_user_model
from django.utils import timezone

from cms.models import CodeOfConductLessonPage, CoursePage, GuidelineLessonPage
from cms.services import home_page_ensure
from quizzes.models import Choice, Question, Quiz, QuizQuestion
from quizzes.services import attempt_start, attempt_submit
from training.models import Department, Employee, Enrolment
from training.services import lesson_complete


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = get_user_model()
        django_get_or_create = ("username",)
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = factory.Faker("first_name")
    last_name = factory.Faker("last_name")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.org")
    password = factory.PostGenerationMethodCall("set_password", "pass")

    @factory.post_generation
    def save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class DepartmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Department
        django_get_or_create = ("name",)

    name = factory.Sequence(lambda n: f"Department {n}")


class EmployeeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Employee

    user = factory.SubFactory(UserFactory)
    department = factory.SubFactory(DepartmentFactory)


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz

    title = factory.Sequence(lambda n: f"Quiz {n}")
    slug = factory.Sequence(lambda n: f"quiz-{n}")
    pass_mark = 80
    success_text = "<p>Well done.</p>"
    fail_text = "<p>Read the lessons again.</p>"


def add_question(quiz, *, kind="single", text=None, right=("Right",), wrong=("Wrong",), topic="", explanation=""):
    """A question whose right answers are `right` and wrong ones `wrong`, in that order."""
    position = quiz.quiz_questions.count() + 1
    question = Question.objects.create(
        kind=kind, text=text or f"Question {position}?", topic=topic, explanation=explanation
    )
    QuizQuestion.objects.create(quiz=quiz, question=question, sort_order=position)
    for position, (choice_text, correct) in enumerate([(t, True) for t in right] + [(t, False) for t in wrong]):
        Choice.objects.create(question=question, text=choice_text, is_correct=correct, sort_order=position)
    return question


def make_quiz(*, questions=5, pass_mark=80) -> Quiz:
    """A quiz with single-answer, several-answer and true/false questions."""
    quiz = QuizFactory(pass_mark=pass_mark)
    kinds = ["single", "multiple", "true_false"]
    for index in range(questions):
        kind = kinds[index % 3]
        if kind == "multiple":
            add_question(quiz, kind=kind, right=("Right A", "Right B"), wrong=("Wrong C",), topic=f"Topic {index}")
        elif kind == "true_false":
            add_question(quiz, kind=kind, right=("True",), wrong=("False",), topic=f"Topic {index}")
        else:
            add_question(quiz, kind=kind, right=("Right",), wrong=("Wrong 1", "Wrong 2"), topic=f"Topic {index}")
    return quiz


def _publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def make_course(*, title="Test course", lessons=2, code_of_conduct=True, quiz=None, validity_months=12) -> CoursePage:
    """A published course with `lessons` guideline lessons, then a code-of-conduct lesson, and a quiz."""
    home = home_page_ensure()
    quiz = quiz if quiz is not None else make_quiz()
    course = home.add_child(
        instance=CoursePage(title=title, quiz=quiz, validity_months=validity_months, intro="<p>Intro</p>")
    )
    _publish(course)
    for number in range(1, lessons + 1):
        body = json.dumps([{"type": "rich_text", "value": f"<p>Body of lesson {number}.</p>"}])
        lesson = course.add_child(instance=GuidelineLessonPage(title=f"Lesson {number}", summary="S", body=body))
        _publish(lesson)
    if code_of_conduct:
        body = json.dumps([{"type": "rich_text", "value": "<p>Disclose who you work for.</p>"}])
        lesson = course.add_child(
            instance=CodeOfConductLessonPage(
                title="Code of conduct", body=body, acknowledgement_text="I have read and understood the code."
            )
        )
        _publish(lesson)
    return CoursePage.objects.get(pk=course.pk)


def enrol(user, course, *, due_in_days=14) -> Enrolment:
    due = timezone.localdate() + datetime.timedelta(days=due_in_days) if due_in_days is not None else None
    return Enrolment.objects.create(user=user, course=course, due_date=due)


def right_answers(attempt) -> dict[int, list[int]]:
    """Every question of `attempt` answered correctly, as the submit service takes them."""
    return {
        item.question_id: list(item.question.choices.filter(is_correct=True).values_list("pk", flat=True))
        for item in attempt.items.select_related("question")
    }


def wrong_answers(attempt) -> dict[int, list[int]]:
    return {
        item.question_id: list(item.question.choices.filter(is_correct=False).values_list("pk", flat=True)[:1])
        for item in attempt.items.select_related("question")
    }


def read_all_lessons(user, course) -> None:
    """`user` reads every lesson of `course`, confirming the code of conduct, through the service."""
    for lesson in course.lessons().specific():
        lesson_complete(user=user, lesson=lesson, acknowledged=True)


def pass_course(user, course, enrolment):
    """`user` reads every lesson and passes the quiz with full marks; returns the graded attempt."""
    read_all_lessons(user, course)
    attempt = attempt_start(user=user, quiz=course.quiz, enrolment=enrolment)
    return attempt_submit(user=user, attempt_id=attempt.pk, answers=right_answers(attempt))


def manager_of(*reports, username="boss"):
    """A user (with an Employee record) whom every one of `reports` reports to directly."""
    manager = EmployeeFactory(user__username=username).user
    Employee.objects.filter(user__in=reports).update(manager=manager)
    return manager


def authenticated(username: str, password: str):
    """Whom the login form lets in with these credentials, or None (through login throttling, as a login is)."""
    from django.contrib.auth import authenticate
    from django.test import RequestFactory

    return authenticate(RequestFactory().post("/accounts/login/"), username=username, password=password)
