"""The quiz pages cost a fixed number of queries, however many attempts a learner has made before and however
many written answers wait for a marker (see tests/training/test_page_budgets.py for how they are measured)."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt
from quizzes.services import Answer, attempt_start, attempt_submit
from tests.factories import (
    EmployeeFactory,
    add_question,
    enrol,
    make_course,
    make_quiz,
    read_all_lessons,
    wrong_answers,
)
from tests.quizzes.test_quiz_engine_views import SUBMIT_QUERIES
from tests.training.test_page_budgets import Visit, sizes_compared

pytestmark = pytest.mark.django_db

# Beside session, user, permissions (2) and team check: the scores by category and the attempts.
PROGRESS_QUERIES = 7
# The course, its outline as on the course page, the open attempt (or the checks and writes that start one), its
# questions with their options and what was chosen, the attempts left; the site's root paths (2, the cache emptied).
TAKE_QUERIES = 31
# Session, user, the attempt; in a savepoint (2): the attempt locked, its questions and options, then the answer
# written (delete, insert, update) and the attempt's sequence.
SAVE_QUERIES = 12
# The attempt with its quiz, course and certificate; the enrolment read again (and its course and certificate with
# it); the locale; the review (questions, options, choices); the topics to read again; the site's root paths (2,
# the cache emptied).
RESULT_QUERIES = 16
# Beside session, user and permissions (2): the written answers waiting, with their question, quiz and learner.
MARKING_QUERIES = 5


def test_quiz_pages_cost_the_same_however_many_attempts_before(client, employee, django_assert_max_num_queries):
    course = make_course(quiz=make_quiz(questions=5))
    enrolment = enrol(employee, course)
    read_all_lessons(employee, course)
    client.force_login(employee)
    take = reverse("quizzes:take", kwargs={"course_id": course.pk})

    def open_attempt():
        return attempt_start(user=employee, quiz=course.quiz, enrolment=enrolment)

    def close_open_attempt():
        for attempt in Attempt.objects.filter(user=employee, status=Attempt.Status.IN_PROGRESS):
            attempt_submit(user=employee, attempt_id=attempt.pk, answers=wrong_answers(attempt))

    def grow(attempts):
        close_open_attempt()
        while Attempt.objects.filter(user=employee).count() < attempts:
            attempt = open_attempt()
            attempt_submit(user=employee, attempt_id=attempt.pk, answers=wrong_answers(attempt))

    def answer_form():
        """The open attempt, and its first answer as the page saves it."""
        attempt = open_attempt()
        question_id, choices = next(iter(wrong_answers(attempt).items()))
        return attempt, {"question": question_id, "sequence": attempt.sequence, "choice": choices}

    def submit_form():
        """The open attempt, and every answer as the page submits them."""
        attempt = open_attempt()
        return attempt, {"sequence": attempt.sequence, **{f"q{q}": c for q, c in wrong_answers(attempt).items()}}

    def post_to(name):
        return lambda client, form: client.post(reverse(f"quizzes:{name}", kwargs={"attempt_id": form[0].pk}), form[1])

    def last_submitted():
        return Attempt.objects.filter(user=employee).exclude(status=Attempt.Status.IN_PROGRESS).latest("number")

    visits = {
        "my progress": Visit(PROGRESS_QUERIES, lambda client, _: client.get(reverse("quizzes:progress"))),
        "quiz, starting an attempt": Visit(TAKE_QUERIES, lambda client, _: client.get(take), close_open_attempt),
        "quiz, coming back to it": Visit(TAKE_QUERIES, lambda client, _: client.get(take), open_attempt),
        "autosave": Visit(SAVE_QUERIES, post_to("attempt_save"), answer_form),
        "submit": Visit(SUBMIT_QUERIES, post_to("attempt_submit"), submit_form, status=302),
        "result": Visit(
            RESULT_QUERIES,
            lambda client, attempt: client.get(reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})),
            last_submitted,
        ),
    }
    small, large = sizes_compared(client, grow, visits, django_assert_max_num_queries, (1, 8))

    assert large == small


def test_marking_queue_costs_the_same_however_many_answers_wait(client, hr_user, django_assert_max_num_queries):
    quiz = make_quiz(questions=1)
    add_question(quiz, kind="essay", text="Describe a safe post.", right=(), wrong=())
    client.force_login(hr_user)
    learners = []

    def grow(count):
        while len(learners) < count:
            learner = EmployeeFactory(user__username=f"writer{len(learners)}").user
            attempt = attempt_start(user=learner, quiz=quiz)
            answers = {
                item.question_id: Answer(text="I would not name the patient.")
                if item.question.kind == "essay"
                else wrong_answers(attempt)[item.question_id]
                for item in attempt.items.select_related("question")
            }
            attempt_submit(user=learner, attempt_id=attempt.pk, answers=answers)
            learners.append(learner)

    visits = {"marking": Visit(MARKING_QUERIES, lambda client, _: client.get(reverse("quizzes:marking_queue")))}
    small, large = sizes_compared(client, grow, visits, django_assert_max_num_queries, (3, 40))

    assert large == small
