"""Two submits of the same attempt at the same moment (double click, two tabs): exactly one is graded."""

import threading

import pytest
from django.db import connection

from certificates.models import Certificate
from quizzes.models import Attempt
from quizzes.services import AttemptAlreadySubmitted, attempt_start, attempt_submit
from tests.factories import EmployeeFactory, enrol, make_course, right_answers
from training.services import lesson_complete


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="row locks need PostgreSQL; SQLite's shared in-memory test database cannot run concurrent writers",
)
@pytest.mark.django_db(transaction=True)
def test_concurrent_submits_grade_once_and_issue_one_certificate():
    user = EmployeeFactory().user
    course = make_course(lessons=1, code_of_conduct=False)
    enrolment = enrol(user, course)
    for lesson in course.lessons().specific():
        lesson_complete(user=user, lesson=lesson)
    attempt = attempt_start(user=user, quiz=course.quiz, enrolment=enrolment)
    answers = right_answers(attempt)
    barrier = threading.Barrier(2)
    outcomes: list[str] = []

    def submit():
        try:
            barrier.wait(timeout=10)
            attempt_submit(user=user, attempt_id=attempt.pk, answers=answers)
            outcomes.append("graded")
        except AttemptAlreadySubmitted:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=submit) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert sorted(outcomes) == ["graded", "refused"]
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.passed
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
