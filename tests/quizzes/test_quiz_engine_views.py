"""The quiz engine as a learner and a marker meet it over HTTP: autosave, stale tabs, checking answers one by
one, review options, essays and their marking, and the progress page."""

import pytest
from django.urls import reverse

from quizzes.models import Attempt, Question, Quiz, QuizQuestion
from tests.factories import (
    EmployeeFactory,
    QuizFactory,
    add_question,
    enrol,
    make_course,
    read_all_lessons,
    right_answers,
    wrong_answers,
)

pytestmark = pytest.mark.django_db


def learner_ready(client, user, quiz):
    course = make_course(quiz=quiz, lessons=1, code_of_conduct=False)
    enrolment = enrol(user, course)
    read_all_lessons(user, course)
    client.force_login(user)
    client.get(reverse("quizzes:take", kwargs={"course_id": course.pk}))
    return course, enrolment, Attempt.objects.get(user=user)


def save(client, attempt, *, question, sequence, choices=(), text=None):
    data = {"question": question, "sequence": sequence, "choice": [str(c) for c in choices]}
    if text is not None:
        data["text"] = text
    return client.post(reverse("quizzes:attempt_save", kwargs={"attempt_id": attempt.pk}), data)


def submit(client, attempt, data):
    return client.post(reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}), data)


def test_autosave_keeps_each_answer_and_the_page_shows_it_on_return(client, employee):
    quiz = QuizFactory()
    for _ in range(2):
        add_question(quiz)
    course, _, attempt = learner_ready(client, employee, quiz)
    question_id, right = next(iter(right_answers(attempt).items()))

    response = save(client, attempt, question=question_id, sequence=0, choices=right)

    assert response.status_code == 200 and response.json()["sequence"] == 1
    assert "correct" not in response.content.decode().lower()
    page = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk})).content.decode()
    assert f'value="{right[0]}" id="c{right[0]}" checked' in page
    assert 'name="sequence" value="1"' in page


def test_a_second_tab_with_an_old_sequence_cannot_overwrite_or_submit(client, employee):
    quiz = QuizFactory()
    add_question(quiz)
    _, _, attempt = learner_ready(client, employee, quiz)
    question_id, right = next(iter(right_answers(attempt).items()))
    wrong = wrong_answers(attempt)[question_id]
    save(client, attempt, question=question_id, sequence=0, choices=right)

    stale_save = save(client, attempt, question=question_id, sequence=0, choices=wrong)
    stale_submit = submit(client, attempt, {"sequence": 0, f"q{question_id}": wrong})

    assert stale_save.status_code == 409 and stale_save.json()["reload"] is True
    assert stale_submit.status_code == 409
    assert "changed in another window or tab" in stale_submit.content.decode()
    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.IN_PROGRESS and attempt.sequence == 1
    assert list(attempt.items.get().selected.values_list("pk", flat=True)) == right


@pytest.mark.parametrize(
    ("data", "status", "message"),
    [
        ({"question": "x", "sequence": 0}, 400, "could not be read"),
        ({"question": 999999, "sequence": 0}, 400, "not part of this attempt"),
        ({"question": None, "sequence": 0, "choice": ["999999"]}, 400, "not one of this question"),
    ],
)
def test_bad_autosaves_get_a_clear_error_and_change_nothing(client, employee, data, status, message):
    quiz = QuizFactory()
    add_question(quiz)
    _, _, attempt = learner_ready(client, employee, quiz)
    if data["question"] is None:
        data["question"] = attempt.items.get().question_id

    response = client.post(reverse("quizzes:attempt_save", kwargs={"attempt_id": attempt.pk}), data)

    assert response.status_code == status and message in response.json()["error"]
    attempt.refresh_from_db()
    assert attempt.sequence == 0


def test_someone_elses_attempt_cannot_be_autosaved(client, employee):
    quiz = QuizFactory()
    add_question(quiz)
    _, _, attempt = learner_ready(client, employee, quiz)
    client.force_login(EmployeeFactory().user)

    assert save(client, attempt, question=attempt.items.get().question_id, sequence=0).status_code == 404


def test_checking_each_answer_locks_it_and_shows_feedback_only_for_that_question(client, employee):
    quiz = QuizFactory(review_mode=Quiz.ReviewMode.AFTER_EACH)
    first = add_question(quiz, text="First?", explanation="Because the first rule says so.")
    second = add_question(quiz, text="Second?", explanation="Second reason.")
    first.choices.filter(is_correct=False).update(feedback="That one breaks the rule.")
    course, _, attempt = learner_ready(client, employee, quiz)
    wrong = wrong_answers(attempt)

    response = submit(client, attempt, {"sequence": 0, "check": first.pk, f"q{first.pk}": wrong[first.pk]})

    assert response.status_code == 302 and response["Location"].endswith("#question-1")
    page = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk})).content.decode()
    assert "Not quite." in page and "That one breaks the rule." in page and "Because the first rule" in page
    assert "Second reason." not in page, "the unchecked question gives nothing away"
    # The checked answer is locked: a later submit cannot change it.
    right = right_answers(attempt)
    submit(client, attempt, {"sequence": 1, f"q{first.pk}": right[first.pk], f"q{second.pk}": right[second.pk]})
    attempt.refresh_from_db()
    assert attempt.score == 50


def test_review_never_shows_the_score_but_not_the_answers(client, employee):
    quiz = QuizFactory(review_mode=Quiz.ReviewMode.NEVER)
    question = add_question(quiz, right=("The secret right answer",), explanation="Secret explanation")
    _, _, attempt = learner_ready(client, employee, quiz)
    submit(client, attempt, {"sequence": 0, f"q{question.pk}": wrong_answers(attempt)[question.pk]})

    page = client.get(reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})).content.decode()

    assert "Your score: <strong>0 %</strong>" in page
    assert "The secret right answer" not in page and "Secret explanation" not in page


def test_partial_credit_shows_in_the_review(client, employee):
    quiz = QuizFactory(pass_mark=50)
    question = add_question(quiz, kind="multiple", right=("A", "B"), wrong=("C",))
    Question.objects.filter(pk=question.pk).update(scoring=Question.Scoring.PARTIAL)
    _, _, attempt = learner_ready(client, employee, quiz)
    only_a = question.choices.get(text="A").pk

    submit(client, attempt, {"sequence": 0, f"q{question.pk}": [only_a]})

    attempt.refresh_from_db()
    assert attempt.score == 50 and attempt.passed
    page = client.get(reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})).content.decode()
    assert "Partly right (50 %)" in page


def essay_quiz():
    quiz = QuizFactory(pass_mark=50)
    add_question(quiz, text="Which rule applies?")
    essay = Question.objects.create(kind=Question.Kind.ESSAY, text="A patient asks for advice online. What do you do?")
    QuizQuestion.objects.create(quiz=quiz, question=essay, sort_order=2)
    return quiz, essay


def test_essays_wait_for_a_marker_then_the_attempt_is_graded_and_the_course_completes(client, employee, hr_user):
    quiz, essay = essay_quiz()
    _, enrolment, attempt = learner_ready(client, employee, quiz)
    choice_question = attempt.items.exclude(question=essay).get().question_id
    data = {"sequence": 0, f"q{choice_question}": right_answers(attempt)[choice_question]}
    data[f"t{essay.pk}"] = "I point them to their own doctor and report nothing personal."

    submit(client, attempt, data)

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.AWAITING_MARKING and attempt.score is None
    result = client.get(reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})).content.decode()
    assert "waiting for marking" in result
    assert client.get(reverse("quizzes:marking_queue")).status_code == 403

    client.force_login(hr_user)
    queue = client.get(reverse("quizzes:marking_queue")).content.decode()
    item = attempt.items.get(question=essay)
    assert reverse("quizzes:marking_item", kwargs={"item_id": item.pk}) in queue
    marking_url = reverse("quizzes:marking_item", kwargs={"item_id": item.pk})
    assert "report nothing personal" in client.get(marking_url).content.decode()
    bad = client.post(marking_url, {"mark": "150", "comment": "x"})
    assert bad.status_code == 400 and "from 0 to 100" in bad.content.decode()
    response = client.post(marking_url, {"mark": "80", "comment": "Good: never advise online."})
    assert response.status_code == 302

    attempt.refresh_from_db()
    enrolment.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 90 and attempt.passed
    assert enrolment.completed_at is not None and enrolment.certificate
    assert client.post(marking_url, {"mark": "10"}).status_code == 400, "marks are final"
    attempt.refresh_from_db()
    assert attempt.score == 90
    client.force_login(employee)
    result = client.get(reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})).content.decode()
    assert "Good: never advise online." in result and "80 %" in result


def test_a_blank_essay_needs_no_marking(client, employee):
    quiz, essay = essay_quiz()
    quiz.time_limit_minutes = 1
    quiz.save()
    _, _, attempt = learner_ready(client, employee, quiz)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=attempt.started_at)  # time has just run out
    choice_question = attempt.items.exclude(question=essay).get().question_id

    submit(client, attempt, {"sequence": 0, f"q{choice_question}": right_answers(attempt)[choice_question]})

    attempt.refresh_from_db()
    assert attempt.status == Attempt.Status.SUBMITTED and attempt.score == 50


def test_progress_page_scores_each_category_across_attempts(client, employee):
    from quizzes.models import Category

    privacy, events = Category.objects.create(name="Privacy"), Category.objects.create(name="Adverse events")
    quiz = QuizFactory(pass_mark=100)
    for category in (privacy, privacy, events):
        question = add_question(quiz)
        Question.objects.filter(pk=question.pk).update(category=category)
    course, enrolment, attempt = learner_ready(client, employee, quiz)
    answers = right_answers(attempt)
    event_question = quiz.questions.get(category=events).pk
    answers[event_question] = wrong_answers(attempt)[event_question]
    submit(client, attempt, {"sequence": 0, **{f"q{q}": c for q, c in answers.items()}})

    page = client.get(reverse("quizzes:progress")).content.decode()

    assert "Privacy" in page and "Adverse events" in page
    assert 'aria-label="Privacy">100 %' in page and 'aria-label="Adverse events">0 %' in page


def test_a_draft_quiz_is_hidden_from_learners(client, employee):
    quiz = QuizFactory(is_published=False)
    add_question(quiz)
    course = make_course(quiz=quiz, lessons=1, code_of_conduct=False)
    enrol(employee, course)
    read_all_lessons(employee, course)
    client.force_login(employee)

    page = client.get(course.url).content.decode()
    response = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk}), follow=True)

    assert "The final quiz is not open yet." in page and "Take the final quiz" not in page
    assert "This quiz is not open yet." in response.content.decode()
    assert not Attempt.objects.exists()


# Session, user, attempt (view); savepoint, locked attempt, items with questions, choices, selections; answers:
# delete, insert, update; credits; attempt; the grades for the grading method; release (a failing submit); and the
# audit trail's two events (submitted, graded), each the chain's lock (PostgreSQL), its last event and the insert.
SUBMIT_QUERIES = 18


@pytest.mark.parametrize("questions", [3, 15])
def test_submitting_costs_the_same_number_of_queries_however_many_questions(
    client, employee, questions, django_assert_max_num_queries
):
    quiz = QuizFactory(pass_mark=100)
    for _ in range(questions):
        add_question(quiz, kind="multiple", right=("A", "B"), wrong=("C",))
    _, _, attempt = learner_ready(client, employee, quiz)
    data = {"sequence": 0, **{f"q{q}": c for q, c in wrong_answers(attempt).items()}}

    with django_assert_max_num_queries(SUBMIT_QUERIES):
        response = submit(client, attempt, data)

    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.score == 0 and attempt.items.filter(credit=0).count() == questions


def test_coming_back_after_the_time_limit_shows_the_submitted_attempt(client, employee):
    quiz = QuizFactory(time_limit_minutes=5, grace_seconds=0)
    add_question(quiz)
    course, _, attempt = learner_ready(client, employee, quiz)
    question_id, right = next(iter(right_answers(attempt).items()))
    save(client, attempt, question=question_id, sequence=0, choices=right)
    Attempt.objects.filter(pk=attempt.pk).update(deadline=attempt.started_at)

    response = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk}), follow=True)

    assert response.redirect_chain[-1][0] == reverse("quizzes:attempt_result", kwargs={"attempt_id": attempt.pk})
    assert "Time ran out" in response.content.decode() and "You passed" in response.content.decode()
    attempt.refresh_from_db()
    assert attempt.submitted_automatically and attempt.score == 100
    assert Attempt.objects.filter(user=employee).count() == 1, "no new attempt was opened"
