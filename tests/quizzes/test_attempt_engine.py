"""Quiz options and the attempt lifecycle: draws, order, limits, cooldown, grading methods, time limits."""

import datetime
import random
from decimal import Decimal

import pytest
from django.utils import timezone

from quizzes.models import Attempt, Category, Choice, Question, Quiz, QuizCategoryDraw
from quizzes.services import (
    Answer,
    QuizLocked,
    StaleAttempt,
    TimeUp,
    attempt_question_ids,
    attempt_save,
    attempt_start,
    attempt_submit,
    attempts_close_overdue,
)
from tests.factories import QuizFactory, add_question, enrol, make_course, right_answers, wrong_answers

pytestmark = pytest.mark.django_db


def bank_question(category, text):
    question = Question.objects.create(category=category, kind="single", text=text)
    Choice.objects.create(question=question, text="Right", is_correct=True, sort_order=0)
    Choice.objects.create(question=question, text="Wrong", is_correct=False, sort_order=1)
    return question


def test_a_quiz_draws_n_random_questions_per_category_including_subcategories():
    privacy = Category.objects.create(name="Privacy")
    photos = Category.objects.create(name="Photos", parent=privacy)
    events = Category.objects.create(name="Adverse events")
    privacy_ids = {bank_question(privacy, f"P{i}").pk for i in range(3)} | {bank_question(photos, "Ph").pk}
    event_ids = {bank_question(events, f"E{i}").pk for i in range(5)}
    quiz = QuizFactory()
    fixed = add_question(quiz, text="Always asked")
    QuizCategoryDraw.objects.create(quiz=quiz, category=privacy, count=2, sort_order=0)
    QuizCategoryDraw.objects.create(quiz=quiz, category=events, count=None, sort_order=1)

    drawn = attempt_question_ids(quiz=quiz, rng=random.Random(1))

    assert drawn[0] == fixed.pk
    assert len(set(drawn[1:3]) & privacy_ids) == 2
    assert set(drawn[3:]) == event_ids
    other_draws = {tuple(attempt_question_ids(quiz=quiz, rng=random.Random(seed))[1:3]) for seed in range(20)}
    assert len(other_draws) > 1, "different attempts draw different questions"


def test_random_order_and_max_questions_and_shuffled_answers_are_kept_for_the_attempt(employee):
    quiz = QuizFactory(question_order=Quiz.QuestionOrder.RANDOM, max_questions=4, shuffle_answers=True)
    for number in range(8):
        add_question(quiz, text=f"Q{number}", wrong=("W1", "W2", "W3"))

    attempt = attempt_start(user=employee, quiz=quiz, rng=random.Random(7))
    items = list(attempt.items.order_by("position"))

    assert len(items) == 4
    listed = list(quiz.quiz_questions.order_by("sort_order").values_list("question_id", flat=True))
    assert [item.question_id for item in items] != listed[:4]
    natural = [list(item.question.choices.order_by("sort_order").values_list("pk", flat=True)) for item in items]
    assert any(item.choice_order != order for item, order in zip(items, natural, strict=True))
    # Coming back resumes the same attempt with the same questions in the same order.
    again = attempt_start(user=employee, quiz=quiz, rng=random.Random(99))
    assert again.pk == attempt.pk
    assert [(i.question_id, i.choice_order) for i in again.items.order_by("position")] == [
        (i.question_id, i.choice_order) for i in items
    ]


def test_draft_quizzes_cannot_be_started(employee):
    quiz = QuizFactory(is_published=False)
    add_question(quiz)
    with pytest.raises(QuizLocked, match="not open yet"):
        attempt_start(user=employee, quiz=quiz)
    assert not Attempt.objects.exists()


def test_attempt_limit_and_cooldown(employee):
    quiz = QuizFactory(max_attempts=2, cooldown_minutes=30)
    add_question(quiz)
    start = timezone.now()
    first = attempt_start(user=employee, quiz=quiz, now=start)
    attempt_submit(user=employee, attempt_id=first.pk, answers=wrong_answers(first), now=start)

    with pytest.raises(QuizLocked, match="You can start a new attempt from"):
        attempt_start(user=employee, quiz=quiz, now=start + datetime.timedelta(minutes=29))
    second = attempt_start(user=employee, quiz=quiz, now=start + datetime.timedelta(minutes=31))
    attempt_submit(user=employee, attempt_id=second.pk, answers=wrong_answers(second))

    with pytest.raises(QuizLocked, match="used all 2 attempts"):
        attempt_start(user=employee, quiz=quiz, now=start + datetime.timedelta(days=1))
    assert Attempt.objects.filter(user=employee).count() == 2


@pytest.mark.parametrize(
    ("method", "completes"),
    [("highest", True), ("last", True), ("first", False), ("average", False)],
)
def test_grading_method_decides_when_the_course_completes(employee, method, completes):
    """0 % then 100 %, pass mark 60: highest and last pass, first and average (50 %) do not."""
    quiz = QuizFactory(grading_method=method, pass_mark=60)
    for _ in range(2):
        add_question(quiz)
    course = make_course(quiz=quiz, lessons=0, code_of_conduct=False)
    enrolment = enrol(employee, course)
    first = attempt_start(user=employee, quiz=quiz, enrolment=enrolment)
    attempt_submit(user=employee, attempt_id=first.pk, answers=wrong_answers(first))
    second = attempt_start(user=employee, quiz=quiz, enrolment=enrolment)
    attempt_submit(user=employee, attempt_id=second.pk, answers=right_answers(second))

    enrolment.refresh_from_db()
    assert (enrolment.completed_at is not None) is completes
    assert enrolment.score == (Decimal("100.00") if completes else None)


def timed_quiz(**options):
    quiz = QuizFactory(time_limit_minutes=10, grace_seconds=60, **options)
    for _ in range(3):
        add_question(quiz)
    return quiz


def test_submit_within_the_grace_period_counts_and_may_leave_questions_blank(employee):
    quiz = timed_quiz()
    start = timezone.now()
    attempt = attempt_start(user=employee, quiz=quiz, now=start)
    answers = dict(list(right_answers(attempt).items())[:1])

    attempt = attempt_submit(
        user=employee, attempt_id=attempt.pk, answers=answers, now=start + datetime.timedelta(minutes=10, seconds=30)
    )

    assert attempt.status == Attempt.Status.SUBMITTED and not attempt.submitted_automatically
    assert attempt.score == Decimal("33.33")


def test_after_the_grace_period_only_saved_answers_count(employee):
    quiz = timed_quiz()
    start = timezone.now()
    attempt = attempt_start(user=employee, quiz=quiz, now=start)
    right = right_answers(attempt)
    first_question = next(iter(right))
    attempt = attempt_save(
        user=employee,
        attempt_id=attempt.pk,
        sequence=0,
        question_id=first_question,
        answer=Answer(choice_ids=frozenset(right[first_question])),
        now=start + datetime.timedelta(minutes=5),
    )

    late = start + datetime.timedelta(minutes=12)
    attempt = attempt_submit(user=employee, attempt_id=attempt.pk, answers=right, sequence=1, now=late)

    assert attempt.submitted_automatically
    assert attempt.score == Decimal("33.33"), "only the answer saved in time counts"


def test_saving_after_time_is_up_closes_the_attempt_and_says_so(employee):
    quiz = timed_quiz()
    start = timezone.now()
    attempt = attempt_start(user=employee, quiz=quiz, now=start)
    question_id, choices = next(iter(right_answers(attempt).items()))

    with pytest.raises(TimeUp):
        attempt_save(
            user=employee,
            attempt_id=attempt.pk,
            sequence=0,
            question_id=question_id,
            answer=Answer(choice_ids=frozenset(choices)),
            now=start + datetime.timedelta(minutes=20),
        )

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.submitted_automatically
    assert attempt.score == 0
    assert not attempt.items.filter(selected__isnull=False).exists()


def test_abandoned_timed_attempts_are_closed_by_the_scheduler(employee, outsider):
    quiz = timed_quiz()
    start = timezone.now()
    abandoned = attempt_start(user=employee, quiz=quiz, now=start)
    running = attempt_start(user=outsider, quiz=quiz, now=start + datetime.timedelta(minutes=9))

    assert attempts_close_overdue(now=start + datetime.timedelta(minutes=11, seconds=30)) == 1

    abandoned.refresh_from_db()
    running.refresh_from_db()
    assert abandoned.status == Attempt.Status.SUBMITTED and abandoned.submitted_automatically
    assert running.status == Attempt.Status.IN_PROGRESS


def test_a_stale_save_is_refused_and_changes_nothing(employee):
    quiz = QuizFactory()
    add_question(quiz)
    attempt = attempt_start(user=employee, quiz=quiz)
    question_id, right = next(iter(right_answers(attempt).items()))
    wrong = wrong_answers(attempt)[question_id]
    attempt_save(
        user=employee, attempt_id=attempt.pk, sequence=0, question_id=question_id, answer=Answer(frozenset(right))
    )

    with pytest.raises(StaleAttempt):
        attempt_save(
            user=employee, attempt_id=attempt.pk, sequence=0, question_id=question_id, answer=Answer(frozenset(wrong))
        )
    with pytest.raises(StaleAttempt):
        attempt_submit(user=employee, attempt_id=attempt.pk, answers={question_id: wrong}, sequence=0)

    attempt.refresh_from_db()
    assert attempt.sequence == 1 and attempt.status == Attempt.Status.IN_PROGRESS
    assert set(attempt.items.get().selected.values_list("pk", flat=True)) == set(right)
