"""Editors write a question's translations next to it; learners are asked it in their language; one question, one
set of answers and scores whatever the language."""

import pytest
from django.urls import reverse
from django.utils import translation

from quizzes.models import Attempt, Question, QuizQuestion
from quizzes.selectors import attempt_questions
from tests.factories import EmployeeFactory, enrol, make_course, make_quiz, read_all_lessons
from tests.quizzes.test_quiz_admin import QUESTION_ADD, question_post

pytestmark = pytest.mark.django_db


def test_editor_writes_translations_that_korean_learners_are_asked(client, editor):
    client.force_login(editor)
    answers = [
        {"text": "Remove the name", "is_correct": True, "translations-ko-text": "이름을 지웁니다"},
        {"text": "Post it anyway", "translations-ko-text": "그냥 올립니다", "translations-de-text": "Trotzdem posten"},
    ]
    data = question_post("single", answers)
    for index, answer in enumerate(answers):
        for key, value in answer.items():
            if key.startswith("translations-"):
                data[f"choices-{index}-{key}"] = value
    data.update(
        {
            "translations-ko-text": "어떻게 하시겠습니까?",
            "translations-ko-explanation": "환자의 동의 없이는 올리지 않습니다.",
            "translations-ko-scenario": '<p>환자가 <b>사진</b>을 보냅니다.</p><script>alert("x")</script>',
            "translations-de-text": "Was tun Sie?",
        }
    )
    response = client.post(QUESTION_ADD, data)
    assert response.status_code == 302, response.content.decode()[:2000]

    question = Question.objects.get()
    assert question.translations["de"] == {"text": "Was tun Sie?"}
    assert question.translations["ko"]["text"] == "어떻게 하시겠습니까?"
    # Rich text is kept to what the source field's editor allows: the script tag goes, its text stays as text.
    scenario = question.translations["ko"]["scenario"]
    assert scenario.startswith("<p>환자가 <b>사진</b>을 보냅니다.</p>") and "<script" not in scenario
    assert [choice.translations for choice in question.choices.order_by("sort_order")] == [
        {"ko": {"text": "이름을 지웁니다"}},
        {"ko": {"text": "그냥 올립니다"}, "de": {"text": "Trotzdem posten"}},
    ]

    # The form shows them again for the next edit.
    edit = client.get(reverse("wagtailsnippets_quizzes_question:edit", args=[question.pk])).content.decode()
    assert "어떻게 하시겠습니까?" in edit and "Trotzdem posten" in edit


def test_learners_are_asked_in_their_language_and_graded_the_same(client):
    quiz = make_quiz(questions=1)
    question = quiz.questions.get()
    question.translations = {"ko": {"text": "질문입니다", "explanation": "설명입니다"}}
    question.save()
    right = question.choices.get(is_correct=True)
    right.translations = {"ko": {"text": "맞는 답"}}
    right.save()
    course = make_course(quiz=quiz)
    korean = EmployeeFactory(user__username="minjun", language="ko").user
    enrolment = enrol(korean, course)
    read_all_lessons(korean, course)
    client.force_login(korean)

    page = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk})).content.decode()
    assert "질문입니다" in page and "맞는 답" in page
    # An answer nobody translated is shown as written.
    assert "Wrong 1" in page

    attempt = Attempt.objects.get(enrolment=enrolment)
    response = client.post(
        reverse("quizzes:attempt_submit", kwargs={"attempt_id": attempt.pk}),
        {"sequence": attempt.sequence, f"q{question.pk}": str(right.pk)},
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed
    with translation.override("de"):
        assert attempt_questions(attempt=attempt)[0].text == question.text
    assert QuizQuestion.objects.filter(quiz=quiz).count() == 1


def test_a_quiz_title_in_the_learners_language(client):
    quiz = make_quiz(questions=1)
    quiz.translations = {"de": {"title": "Abschlusstest", "description": "<p>Viel Erfolg</p>"}}
    quiz.save()
    course = make_course(quiz=quiz)
    german = EmployeeFactory(user__username="jurgen", language="de").user
    enrol(german, course)
    read_all_lessons(german, course)
    client.force_login(german)
    page = client.get(reverse("quizzes:take", kwargs={"course_id": course.pk})).content.decode()
    assert "<h1>Abschlusstest</h1>" in page and "Viel Erfolg" in page
