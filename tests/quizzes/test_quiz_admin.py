"""Editors build questions and quizzes in the Wagtail admin; a question that could not be answered is refused."""

import pytest

from quizzes.models import Category, Question, Quiz

pytestmark = pytest.mark.django_db

QUESTION_ADD = "/admin/snippets/quizzes/question/add/"
QUIZ_ADD = "/admin/snippets/quizzes/quiz/add/"


def formset(prefix, rows, fields):
    data = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": "0",
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        data[f"{prefix}-{index}-ORDER"] = str(index + 1)
        data[f"{prefix}-{index}-DELETE"] = ""
        data[f"{prefix}-{index}-id"] = ""
        for field in fields:
            value = row.get(field, "")
            if value is True:
                value = "on"
            elif value is False:
                continue
            data[f"{prefix}-{index}-{field}"] = value
    return data


def question_post(kind, answers, **fields):
    data = {"kind": kind, "text": "What do you do?", "name": "", "topic": "", "explanation": ""}
    data["scoring"] = "all_or_nothing"
    data.update(fields)
    data.update(formset("choices", answers, ["text", "is_correct", "fraction", "feedback"]))
    return data


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_editor_adds_a_several_answer_question_with_partial_credit(editor_client):
    category = Category.objects.create(name="Privacy")
    answers = [
        {"text": "Remove the name", "is_correct": True},
        {"text": "Ask for consent", "is_correct": True},
        {"text": "Post it anyway", "is_correct": False, "feedback": "Never without consent."},
    ]
    response = editor_client.post(
        QUESTION_ADD, question_post("multiple", answers, scoring="partial", category=str(category.pk))
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    question = Question.objects.get()
    assert (question.kind, question.scoring, question.category) == ("multiple", "partial", category)
    assert list(question.choices.values_list("text", "is_correct", "feedback")) == [
        ("Remove the name", True, ""),
        ("Ask for consent", True, ""),
        ("Post it anyway", False, "Never without consent."),
    ]


@pytest.mark.parametrize(
    ("kind", "answers", "fields", "message"),
    [
        ("single", [{"text": "Only one", "is_correct": True}], {}, "Give at least two answers."),
        ("single", [{"text": "A"}, {"text": "B"}], {}, "Mark at least one answer as correct."),
        ("single", [{"text": "A", "is_correct": True}, {"text": "B", "is_correct": True}], {}, "Only one answer"),
        ("true_false", [{"text": "True", "is_correct": True}, {"text": "False"}, {"text": "Maybe"}], {}, "exactly two"),
        ("essay", [{"text": "A", "is_correct": True}], {}, "An essay question has no answers"),
        ("scenario", [{"text": "A", "is_correct": True}, {"text": "B"}], {}, "Write the case the learner reads"),
    ],
)
def test_questions_that_cannot_be_answered_are_refused_with_a_reason(editor_client, kind, answers, fields, message):
    response = editor_client.post(QUESTION_ADD, question_post(kind, answers, **fields))

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Question.objects.exists()


def test_editor_builds_a_quiz_with_its_options_questions_and_a_random_draw(editor_client):
    fixed = Question.objects.create(kind="single", text="Always asked")
    bank = Category.objects.create(name="Case studies")
    data = {
        "title": "Annual refresher",
        "slug": "annual-refresher",
        "is_published": "on",
        "pass_mark": "75",
        "question_order": "random",
        "shuffle_answers": "on",
        "max_questions": "10",
        "max_attempts": "3",
        "cooldown_minutes": "60",
        "grading_method": "highest",
        "time_limit_minutes": "20",
        "grace_seconds": "30",
        "review_mode": "after_each",
    }
    data.update(formset("quiz_questions", [{"question": str(fixed.pk)}], ["question"]))
    data.update(
        formset(
            "category_draws",
            [{"category": str(bank.pk), "count": "2", "include_subcategories": True}],
            ["category", "count", "include_subcategories"],
        )
    )

    response = editor_client.post(QUIZ_ADD, data)

    assert response.status_code == 302, response.content.decode()[:3000]
    quiz = Quiz.objects.get(slug="annual-refresher")
    assert (quiz.max_attempts, quiz.cooldown_minutes, quiz.time_limit_minutes, quiz.grace_seconds) == (3, 60, 20, 30)
    assert (quiz.question_order, quiz.shuffle_answers, quiz.review_mode) == ("random", True, "after_each")
    assert list(quiz.questions.all()) == [fixed]
    assert list(quiz.category_draws.values_list("category__name", "count")) == [("Case studies", 2)]


def test_employees_cannot_reach_the_quiz_admin(client, employee):
    client.force_login(employee)
    response = client.get(QUIZ_ADD)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]
