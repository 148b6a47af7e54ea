"""The final quiz over HTTP: opening it, submitting (honest and tampered posts) and the result page."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from certificates.models import Certificate
from quizzes.models import Attempt, AttemptQuestion, Choice, Question
from quizzes.services import attempt_start
from tests.factories import (
    EmployeeFactory,
    add_question,
    enrol,
    make_quiz,
    read_all_lessons,
    right_answers,
    wrong_answers,
)


def take_url(course):
    return reverse("quizzes:take", kwargs={"course_id": course.pk})


def submit_url(attempt):
    return reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk})


def result_url(attempt):
    return reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})


def as_post(answers: dict[int, list]) -> dict[str, list]:
    return {f"q{question_id}": [str(choice) for choice in choices] for question_id, choices in answers.items()}


def without_csrf(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def checked_choice_ids(html: str) -> set[int]:
    return {int(value) for value in re.findall(r'value="(\d+)" id="c\d+" checked', html)}


@pytest.fixture
def ready(client, employee, course, enrolment):
    """The learner has read every lesson and is logged in."""
    read_all_lessons(employee, course)
    client.force_login(employee)
    return enrolment


@pytest.fixture
def attempt(client, course, ready):
    client.get(take_url(course))
    return Attempt.objects.get()


def assert_nothing_graded(attempt, enrolment):
    attempt.refresh_from_db()
    enrolment.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS
    assert attempt.score is None and attempt.submitted_at is None and attempt.passed is None
    assert not AttemptQuestion.objects.filter(attempt=attempt, credit__isnull=False).exists()
    assert not AttemptQuestion.selected.through.objects.filter(attemptquestion__attempt=attempt).exists()
    assert enrolment.completed_at is None and enrolment.score is None
    assert not Certificate.objects.exists()


# Opening the quiz


@pytest.mark.django_db
def test_quiz_is_locked_until_every_lesson_is_read(client, employee, course, enrolment):
    first, *_ = course.lessons().specific()
    client.force_login(employee)
    client.post(reverse("training:lesson_complete", kwargs={"lesson_id": first.pk}))

    response = client.get(take_url(course), follow=True)

    assert response.redirect_chain == [(course.url, 302)]
    assert "Finish every lesson before you take the final quiz." in response.content.decode()
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_quiz_is_not_found_for_someone_not_enrolled(client, outsider, course, enrolment):
    client.force_login(outsider)

    assert client.get(take_url(course)).status_code == 404
    assert not Attempt.objects.exists()


@pytest.mark.django_db
def test_opening_the_quiz_twice_resumes_the_same_attempt(client, course, ready):
    first = client.get(take_url(course))
    second = client.get(take_url(course))

    attempt = Attempt.objects.get()
    assert first.status_code == second.status_code == 200
    assert attempt.number == 1 and attempt.status == Attempt.Status.IN_PROGRESS
    for response in (first, second):
        assert f'action="{submit_url(attempt)}"' in response.content.decode()
    assert attempt.items.count() == course.quiz.questions.count()


@pytest.mark.django_db
def test_quiz_page_does_not_say_which_answers_are_right(client, course, ready):
    before = client.get(take_url(course)).content.decode()
    for question in course.quiz.questions.all():
        # Turn every question's answer key around: the page a learner sees must not change at all.
        for choice in question.choices.all():
            Choice.objects.filter(pk=choice.pk).update(is_correct=not choice.is_correct)

    after = client.get(take_url(course)).content.decode()

    assert Attempt.objects.count() == 1
    assert without_csrf(before) == without_csrf(after)
    assert "correct" not in before.lower()


@pytest.mark.django_db
def test_completed_course_does_not_open_a_new_attempt(client, course, ready, attempt):
    client.post(submit_url(attempt), as_post(right_answers(attempt)))

    response = client.get(take_url(course), follow=True)

    assert response.redirect_chain == [(course.url, 302)]
    assert "You have already completed this course." in response.content.decode()
    assert Attempt.objects.count() == 1


# Submitting


@pytest.mark.django_db
def test_right_answers_pass_complete_the_course_and_issue_a_certificate(client, course, ready, attempt):
    response = client.post(submit_url(attempt), as_post(right_answers(attempt)))

    assert response.status_code == 302 and response["Location"] == result_url(attempt)
    attempt.refresh_from_db()
    ready.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.passed and attempt.score == Decimal("100.00")
    assert ready.completed_at == attempt.submitted_at and ready.score == Decimal("100.00")
    certificate = Certificate.objects.get(enrolment=ready)
    page = client.get(result_url(attempt)).content.decode()
    assert "You passed" in page
    assert "Your score: <strong>100 %</strong> (pass mark 80 %)" in page
    assert certificate.get_pdf_url() in page and certificate.get_absolute_url() in page


@pytest.mark.django_db
def test_wrong_answers_fail_and_point_at_the_lessons_to_reread(client, course, ready, attempt):
    client.post(submit_url(attempt), as_post(wrong_answers(attempt)))

    page = client.get(result_url(attempt)).content.decode()
    assert "Not passed yet" in page
    assert "Your score: <strong>0 %</strong>" in page
    assert "Topic 0" in page and "Topic 4" in page
    assert f'href="{take_url(course)}"' in page
    ready.refresh_from_db()
    assert ready.completed_at is None
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_after_failing_try_again_opens_a_second_attempt(client, course, ready, attempt):
    client.post(submit_url(attempt), as_post(wrong_answers(attempt)))

    page = client.get(take_url(course)).content.decode()

    retry = Attempt.objects.get(status=Attempt.Status.IN_PROGRESS)
    assert retry.pk != attempt.pk and retry.number == 2
    assert "Attempt 2" in page and f'action="{submit_url(retry)}"' in page


@pytest.mark.django_db
def test_score_just_under_the_pass_mark_fails(client, course, ready, attempt):
    answers = right_answers(attempt)
    answers.update({question_id: choices for question_id, choices in list(wrong_answers(attempt).items())[:2]})

    client.post(submit_url(attempt), as_post(answers))

    attempt.refresh_from_db()
    assert attempt.score == Decimal("60.00") and attempt.passed is False
    assert "Not passed yet" in client.get(result_url(attempt)).content.decode()


def _first_of_kind(attempt, kind):
    return next(item.question for item in attempt.items.select_related("question") if item.question.kind == kind)


def unknown_choice(attempt, answers):
    question_id = next(iter(answers))
    answers[question_id] = [987654321]
    return as_post(answers), "That answer is not one of this question&#x27;s options."


def choice_of_another_question(attempt, answers):
    first, second = list(answers)[:2]
    answers[first] = [Choice.objects.filter(question_id=second).first().pk]
    return as_post(answers), "That answer is not one of this question&#x27;s options."


def two_choices_on_a_single_answer_question(attempt, answers):
    question = _first_of_kind(attempt, Question.Kind.SINGLE)
    answers[question.pk] = list(question.choices.values_list("pk", flat=True)[:2])
    return as_post(answers), "Choose one answer only."


def both_answers_on_true_false(attempt, answers):
    question = _first_of_kind(attempt, Question.Kind.TRUE_FALSE)
    answers[question.pk] = list(question.choices.values_list("pk", flat=True))
    return as_post(answers), "Choose one answer only."


def missing_answer(attempt, answers):
    del answers[list(answers)[1]]
    return as_post(answers), "Please answer this question."


def empty_answer(attempt, answers):
    post = as_post(answers)
    post[next(iter(post))] = []
    return post, "Please answer this question."


def non_integer_choice(attempt, answers):
    post = as_post(answers)
    post[next(iter(post))] = ["abc"]
    return post, "The answers could not be read. Reload the page and try again."


def non_integer_question(attempt, answers):
    post = as_post(answers)
    post["qabc"] = ["1"]
    return post, "The answers could not be read. Reload the page and try again."


def question_not_in_attempt(attempt, answers):
    other = add_question(make_quiz(questions=0))
    answers[other.pk] = list(other.choices.filter(is_correct=True).values_list("pk", flat=True))
    return as_post(answers), "The answers do not match this attempt&#x27;s questions. Reload the page and try again."


def huge_numbers(attempt, answers):
    post = as_post(answers)
    post["q" + "9" * 30] = ["9" * 30]
    return post, "The answers do not match this attempt&#x27;s questions."


TAMPERED = [
    unknown_choice,
    choice_of_another_question,
    two_choices_on_a_single_answer_question,
    both_answers_on_true_false,
    missing_answer,
    empty_answer,
    non_integer_choice,
    non_integer_question,
    question_not_in_attempt,
    huge_numbers,
]


@pytest.mark.django_db
@pytest.mark.parametrize("tamper", TAMPERED, ids=lambda tamper: tamper.__name__)
def test_tampered_submission_is_refused_and_changes_nothing(client, course, ready, attempt, tamper):
    # Everything else is answered right: if the bad part slipped through, the learner would pass.
    post, message = tamper(attempt, right_answers(attempt))

    response = client.post(submit_url(attempt), post)

    assert response.status_code == 400
    page = response.content.decode()
    assert message in page
    assert f'action="{submit_url(attempt)}"' in page
    assert_nothing_graded(attempt, ready)


@pytest.mark.django_db
def test_refused_answers_are_kept_and_the_problem_question_is_marked(client, course, ready, attempt):
    answers = right_answers(attempt)
    skipped = list(answers)[1]
    del answers[skipped]

    response = client.post(submit_url(attempt), as_post(answers))

    page = response.content.decode()
    assert response.status_code == 400
    assert "Some answers need your attention; nothing was submitted." in page
    assert checked_choice_ids(page) == {choice for choices in answers.values() for choice in choices}
    skipped_position = attempt.items.get(question_id=skipped).position
    assert f'class="question has-error" id="question-{skipped_position}"' in page
    assert page.count("has-error") == 1


@pytest.mark.django_db
def test_another_users_attempt_is_not_found(client, course, ready):
    other = EmployeeFactory(user__username="other").user
    other_enrolment = enrol(other, course)
    read_all_lessons(other, course)
    others_attempt = attempt_start(user=other, quiz=course.quiz, enrolment=other_enrolment)

    response = client.post(submit_url(others_attempt), as_post(right_answers(others_attempt)))

    assert response.status_code == 404
    assert_nothing_graded(others_attempt, other_enrolment)


@pytest.mark.django_db
def test_unknown_attempt_is_not_found(client, ready):
    assert client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": 424242}), {}).status_code == 404


@pytest.mark.django_db
def test_second_submit_is_refused_and_keeps_the_first_result(client, course, ready, attempt):
    client.post(submit_url(attempt), as_post(wrong_answers(attempt)))

    response = client.post(submit_url(attempt), as_post(right_answers(attempt)), follow=True)

    assert response.redirect_chain == [(result_url(attempt), 302)]
    page = response.content.decode()
    assert "This attempt has already been submitted; your result is below." in page
    assert "Not passed yet" in page
    attempt.refresh_from_db()
    ready.refresh_from_db()
    assert attempt.score == Decimal("0.00") and attempt.passed is False
    assert Attempt.objects.filter(status=Attempt.Status.SUBMITTED).count() == 1
    assert Attempt.objects.count() == 1
    assert ready.completed_at is None
    assert not Certificate.objects.exists()


@pytest.mark.django_db
def test_get_on_submit_is_not_allowed(client, course, ready, attempt):
    assert client.get(submit_url(attempt)).status_code == 405
    assert_nothing_graded(attempt, ready)


@pytest.mark.django_db
def test_anonymous_submit_goes_to_login(client, course, ready, attempt):
    client.logout()

    response = client.post(submit_url(attempt), as_post(right_answers(attempt)))

    assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    assert_nothing_graded(attempt, ready)


# The result page


@pytest.mark.django_db
def test_another_user_cannot_open_a_result(client, course, ready, attempt, outsider, hr_user):
    client.post(submit_url(attempt), as_post(right_answers(attempt)))

    for someone in (outsider, hr_user):
        client.force_login(someone)
        assert client.get(result_url(attempt)).status_code == 404


@pytest.mark.django_db
def test_result_of_an_open_attempt_sends_back_to_the_quiz(client, course, ready, attempt):
    response = client.get(result_url(attempt))

    assert response.status_code == 302 and response["Location"] == take_url(course)
