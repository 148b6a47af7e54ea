from decimal import Decimal

import pytest

from certificates.models import Certificate
from quizzes.models import Attempt
from quizzes.services import AnswerErrors, AttemptAlreadySubmitted, attempt_start, attempt_submit
from tests.factories import right_answers, wrong_answers
from training.services import lesson_complete


def read_all(user, course):
    for lesson in course.lessons().specific():
        lesson_complete(user=user, lesson=lesson, acknowledged=True)


@pytest.mark.django_db
def test_passing_completes_the_course_and_issues_one_certificate(employee, course, enrolment):
    read_all(employee, course)
    attempt = attempt_start(user=employee, quiz=course.quiz, enrolment=enrolment)

    attempt = attempt_submit(user=employee, attempt_id=attempt.pk, answers=right_answers(attempt))

    assert attempt.score == Decimal("100.00") and attempt.passed
    enrolment.refresh_from_db()
    assert enrolment.completed_at == attempt.submitted_at
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.holder_name == "Lena Learner"
    assert certificate.valid_until.year == enrolment.completed_at.year + 1


@pytest.mark.django_db
def test_failing_records_the_score_and_allows_a_new_attempt(employee, course, enrolment):
    attempt = attempt_start(user=employee, quiz=course.quiz, enrolment=enrolment)

    attempt = attempt_submit(user=employee, attempt_id=attempt.pk, answers=wrong_answers(attempt))

    assert attempt.score == Decimal("0.00") and attempt.passed is False
    enrolment.refresh_from_db()
    assert enrolment.completed_at is None
    retry = attempt_start(user=employee, quiz=course.quiz, enrolment=enrolment)
    assert retry.pk != attempt.pk and retry.number == 2


@pytest.mark.django_db
def test_second_submit_is_refused_and_changes_nothing(employee, course, enrolment):
    attempt = attempt_start(user=employee, quiz=course.quiz, enrolment=enrolment)
    attempt_submit(user=employee, attempt_id=attempt.pk, answers=wrong_answers(attempt))

    with pytest.raises(AttemptAlreadySubmitted):
        attempt_submit(user=employee, attempt_id=attempt.pk, answers=right_answers(attempt))

    attempt.refresh_from_db()
    assert attempt.score == Decimal("0.00")
    assert Attempt.objects.filter(user=employee).count() == 1


@pytest.mark.django_db
def test_missing_answer_is_reported_per_question_and_nothing_is_saved(employee, course, enrolment):
    attempt = attempt_start(user=employee, quiz=course.quiz, enrolment=enrolment)
    answers = right_answers(attempt)
    skipped = next(iter(answers))
    del answers[skipped]

    with pytest.raises(AnswerErrors) as raised:
        attempt_submit(user=employee, attempt_id=attempt.pk, answers=answers)

    assert raised.value.errors == {skipped: "Please answer this question."}
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS and attempt.score is None
