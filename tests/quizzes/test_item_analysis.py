"""Item analysis: the statistics, their order, the admin page, its CSV download and who may see them.

The main data set, worked out by hand. Four learners, four questions; credit per question:

            Q1 single  Q2 true/false  Q3 single  Q4 several (partial)   total
    Ann        1           1             0            1                   3
    Ben        1           1             0            0.5                 2.5
    Cat        1           0             1            0                   2
    Dan        0           0             1            0                   1

% correct: Q1 75, Q2 50, Q3 50, Q4 37.5. Discrimination = Pearson r of the credit with the rest of the score
(total minus the item):
    Q1: x = 1 1 1 0,      rest = 2 1.5 1 1    Σdxdy = 0.375, Σdx² = 0.75,   Σdy² = 0.6875  r = 0.375/√0.515625 = 0.5222
    Q2: x = 1 1 0 0,      rest = 2 1.5 2 1    Σdxdy = 0.25,  Σdx² = 1,      Σdy² = 0.6875  r = 0.25/√0.6875    = 0.3015
    Q3: x = 0 0 1 1,      rest = 3 2.5 1 0    Σdxdy = -2.25, Σdx² = 1,      Σdy² = 5.6875  r = -2.25/√5.6875   = -0.9435
    Q4: x = 1 .5 0 0,     rest = 2 2 2 1      Σdxdy = 0.375, Σdx² = 0.6875, Σdy² = 0.75    r = 0.375/√0.515625 = 0.5222
Most misunderstood first: Q4 (37.5), Q3 (50, r -0.94), Q2 (50, r 0.30), Q1 (75).
"""

import csv
import io
from decimal import Decimal

import pytest
from django.apps import apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Permission
from django.urls import reverse
from django.utils import timezone

from quizzes.analysis import item_analysis
from quizzes.models import Attempt, AttemptQuestion
from quizzes.services import attempt_start, attempt_submit
from tests.factories import (
    EmployeeFactory,
    QuizFactory,
    UserFactory,
    add_question,
    make_quiz,
    right_answers,
    wrong_answers,
)
from training.roles import roles_ensure

pytestmark = pytest.mark.django_db


def graded_attempt(user, quiz, answers, *, status=Attempt.Status.SUBMITTED, number=None):
    """An attempt of `user` at `quiz`, written directly: `answers` is [(question, credit, [picked option texts])]."""
    number = number or Attempt.objects.filter(user=user, quiz=quiz).count() + 1
    credits = [credit for _question, credit, _picked in answers]
    closed = status != Attempt.Status.IN_PROGRESS
    attempt = Attempt.objects.create(
        quiz=quiz,
        user=user,
        number=number,
        status=status,
        submitted_at=timezone.now() if closed else None,
        score=(Decimal(str(sum(credits))) * 100 / len(credits)).quantize(Decimal("0.01")) if closed else None,
    )
    for position, (question, credit, picked) in enumerate(answers, start=1):
        item = AttemptQuestion.objects.create(
            attempt=attempt,
            question=question,
            position=position,
            credit=None if credit is None else Decimal(str(credit)),
        )
        item.selected.set(question.choices.filter(text__in=picked))
    return attempt


@pytest.fixture
def quiz(db):
    quiz = QuizFactory(title="Posting about patients")
    q1 = add_question(quiz, text="Q1 Can you post a patient's photo?", right=("Never",), wrong=("If blurred", "Ask"))
    q2 = add_question(
        quiz, kind="true_false", text="Q2 Your profile may name your ward.", right=("True",), wrong=("False",)
    )
    q3 = add_question(quiz, text="Q3 A colleague posts a rota: what now?", right=("Tell them",), wrong=("Ignore it",))
    q4 = add_question(
        quiz,
        kind="multiple",
        text="Q4 Which are confidential?",
        right=("Diagnosis", "Ward"),
        wrong=("Hospital name",),
    )
    quiz.q = {1: q1, 2: q2, 3: q3, 4: q4}
    return quiz


@pytest.fixture
def graded(quiz):
    """The four graded attempts of the module docstring."""
    q = quiz.q
    rows = {
        "ann": [(q[1], 1, ["Never"]), (q[2], 1, ["True"]), (q[3], 0, ["Ignore it"]), (q[4], 1, ["Diagnosis", "Ward"])],
        "ben": [(q[1], 1, ["Never"]), (q[2], 1, ["True"]), (q[3], 0, ["Ignore it"]), (q[4], 0.5, ["Diagnosis"])],
        "cat": [(q[1], 1, ["Never"]), (q[2], 0, ["False"]), (q[3], 1, ["Tell them"]), (q[4], 0, ["Hospital name"])],
        "dan": [
            (q[1], 0, ["If blurred"]),
            (q[2], 0, ["False"]),
            (q[3], 1, ["Tell them"]),
            (q[4], 0, ["Diagnosis", "Hospital name"]),
        ],
    }
    return {name: graded_attempt(UserFactory(username=name), quiz, answers) for name, answers in rows.items()}


def by_text(items):
    return {item.text[:2]: item for item in items}


def picks(item):
    return {option.text: (option.picks, option.percent, option.is_correct) for option in item.options}


# The statistics


def test_facility_discrimination_and_order_match_the_hand_worked_figures(quiz, graded):
    items = item_analysis(quiz=quiz)

    assert [item.text[:2] for item in items] == ["Q4", "Q3", "Q2", "Q1"]
    stats = by_text(items)
    assert {key: item.attempts for key, item in stats.items()} == {"Q1": 4, "Q2": 4, "Q3": 4, "Q4": 4}
    assert stats["Q1"].facility == pytest.approx(75)
    assert stats["Q2"].facility == pytest.approx(50)
    assert stats["Q3"].facility == pytest.approx(50)
    assert stats["Q4"].facility == pytest.approx(37.5)
    assert stats["Q1"].discrimination == pytest.approx(0.5222, abs=1e-4)
    assert stats["Q2"].discrimination == pytest.approx(0.3015, abs=1e-4)
    assert stats["Q3"].discrimination == pytest.approx(-0.9435, abs=1e-4)
    assert stats["Q4"].discrimination == pytest.approx(0.5222, abs=1e-4)


def test_each_option_counts_its_picks_among_the_attempts_that_had_the_question(quiz, graded):
    stats = by_text(item_analysis(quiz=quiz))

    assert picks(stats["Q1"]) == {"Never": (3, 75.0, True), "If blurred": (1, 25.0, False), "Ask": (0, 0.0, False)}
    assert picks(stats["Q2"]) == {"True": (2, 50.0, True), "False": (2, 50.0, False)}
    assert picks(stats["Q4"]) == {
        "Diagnosis": (3, 75.0, True),
        "Ward": (1, 25.0, True),
        "Hospital name": (2, 50.0, False),
    }
    assert [option.text for option in stats["Q4"].options] == ["Diagnosis", "Ward", "Hospital name"]


def test_open_and_unmarked_attempts_and_other_quizzes_do_not_count(quiz, graded):
    q = quiz.q
    eve = UserFactory(username="eve")
    # Still being taken, and waiting for a marker (with provisional credits): neither is graded yet.
    graded_attempt(eve, quiz, [(q[1], None, ["Ask"]), (q[3], None, ["Ignore it"])], status=Attempt.Status.IN_PROGRESS)
    graded_attempt(eve, quiz, [(q[1], 0, ["Ask"]), (q[3], 0, ["Ignore it"])], status=Attempt.Status.AWAITING_MARKING)
    # The same bank question, answered in another quiz.
    other = QuizFactory(title="Another quiz")
    graded_attempt(eve, other, [(q[1], 0, ["Ask"])])

    stats = by_text(item_analysis(quiz=quiz))

    assert stats["Q1"].attempts == 4 and stats["Q1"].facility == pytest.approx(75)
    assert picks(stats["Q1"])["Ask"] == (0, 0.0, False)
    assert picks(stats["Q3"])["Ignore it"] == (2, 50.0, False)


def test_discrimination_is_none_with_one_attempt_or_without_variance_and_unanswered_questions_come_last(quiz):
    q = quiz.q
    later = add_question(quiz, text="Q5 Added after everyone sat the quiz.")
    graded_attempt(UserFactory(username="ann"), quiz, [(q[1], 1, ["Never"]), (q[2], 0, ["False"])])

    stats = by_text(item_analysis(quiz=quiz))
    assert stats["Q1"].attempts == 1 and stats["Q1"].discrimination is None

    graded_attempt(UserFactory(username="ben"), quiz, [(q[1], 1, ["Never"]), (q[2], 1, ["True"])])
    items = item_analysis(quiz=quiz)
    stats = by_text(items)
    assert stats["Q1"].facility == pytest.approx(100) and stats["Q1"].discrimination is None  # everyone right
    assert stats["Q2"].facility == pytest.approx(50) and stats["Q2"].discrimination is None  # rest never varies
    assert items[-1].question_id == later.pk
    assert (items[-1].attempts, items[-1].facility, items[-1].discrimination) == (0, None, None)
    assert {option.percent for option in items[-1].options} == {None}


def test_attempts_graded_by_the_submit_service_are_analysed(db):
    """Through the real services: one learner right on everything, one wrong, so every item discriminates fully."""
    quiz = make_quiz(questions=3)
    for name, answers in [("right", right_answers), ("wrong", wrong_answers)]:
        user = UserFactory(username=name)
        attempt = attempt_start(user=user, quiz=quiz)
        attempt_submit(user=user, attempt_id=attempt.pk, answers=answers(attempt))

    items = item_analysis(quiz=quiz)

    assert len(items) == 3
    for item in items:
        assert (item.attempts, item.facility, item.discrimination) == (2, pytest.approx(50), pytest.approx(1.0))
        right = [option.picks for option in item.options if option.is_correct]
        wrong = [option.picks for option in item.options if not option.is_correct]
        assert all(count == 1 for count in right) and sum(wrong) == 1


def test_selector_query_count_does_not_grow_with_attempts(quiz, django_assert_max_num_queries):
    learner = UserFactory(username="many")
    q = quiz.q
    for number in range(1, 31):
        graded_attempt(learner, quiz, [(q[1], number % 2, ["Never"]), (q[4], 0.5, ["Ward"])], number=number)

    with django_assert_max_num_queries(5):
        items = item_analysis(quiz=quiz)
    assert by_text(items)["Q1"].attempts == 30


# The admin page, the CSV and who may see them

PAGE = "quizzes_item_analysis:quiz"
CSV = "quizzes_item_analysis:csv"


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def test_hr_sees_the_page_with_a_bar_per_question_and_the_option_counts(client, hr_user, quiz, graded):
    client.force_login(hr_user)

    response = client.get(reverse(PAGE, args=[quiz.pk]))

    assert response.status_code == 200
    body = response.content.decode()
    assert "Item analysis: Posting about patients" in body
    assert "4 graded attempts" in body
    assert body.count('class="ia-bar ia-bar--question"') == 4
    positions = [body.index(f"Q{n} ") for n in (4, 3, 2, 1)]
    assert positions == sorted(positions), "most misunderstood question first"
    assert "Q3 A colleague posts a rota: what now?" in body
    assert "37.5%" in body and "-0.94" in body and "0.52" in body
    assert '<rect class="ia-bar__fill" width="37.50"' in body
    assert "3 picked" in body and "Right answer" in body
    assert "<script>" not in body.split("<main", 1)[-1].split("</main>", 1)[0]
    assert 'style="' not in body.split("<main", 1)[-1].split("</main>", 1)[0]
    assert reverse(CSV, args=[quiz.pk]) in body


def test_an_essay_question_shows_its_marks_and_no_options(editor_client):
    quiz = QuizFactory()
    essay = add_question(quiz, kind="essay", text="Describe a safe post.", right=(), wrong=())
    graded_attempt(UserFactory(username="ann"), quiz, [(essay, 1, [])])
    graded_attempt(UserFactory(username="ben"), quiz, [(essay, 0.5, [])])

    body = editor_client.get(reverse(PAGE, args=[quiz.pk])).content.decode()

    assert "Describe a safe post." in body and "75.0%" in body
    assert "Marked by a person: there are no options to count." in body


def test_editors_and_superusers_see_the_page(editor_client, quiz, graded, client):
    assert editor_client.get(reverse(PAGE, args=[quiz.pk])).status_code == 200
    client.force_login(UserFactory(username="root", is_superuser=True))
    assert client.get(reverse(PAGE, args=[quiz.pk])).status_code == 200


def test_the_quiz_picker_links_each_quiz_with_its_graded_attempts(client, hr_user, quiz, graded):
    QuizFactory(title="Untouched quiz")
    client.force_login(hr_user)

    response = client.get(reverse("quizzes_item_analysis:index"))

    assert response.status_code == 200
    body = response.content.decode()
    assert reverse(PAGE, args=[quiz.pk]) in body and "Untouched quiz" in body
    assert ">4<" in body.replace(" ", "").replace("\n", "")


def test_the_menu_and_the_quiz_listing_link_to_it(editor_client, quiz):
    assert reverse("quizzes_item_analysis:index") in editor_client.get(reverse("wagtailadmin_home")).content.decode()
    listing = editor_client.get(reverse("wagtailsnippets_quizzes_quiz:list"))
    assert reverse(PAGE, args=[quiz.pk]) in listing.content.decode()


def test_csv_download_has_the_same_table_in_the_same_order(client, hr_user, quiz, graded):
    client.force_login(hr_user)

    response = client.get(reverse(CSV, args=[quiz.pk]))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"].startswith(f'attachment; filename="item-analysis-{quiz.slug}-')
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:7] == ["rank", "question_id", "question", "kind", "attempts", "percent_correct", "discrimination"]
    questions = [row for row in rows[1:] if row[3]]
    assert [(row[0], row[2][:2], row[5], row[6]) for row in questions] == [
        ("1", "Q4", "37.5", "0.522"),
        ("2", "Q3", "50.0", "-0.943"),  # a negative number stays a number, not an apostrophed text
        ("3", "Q2", "50.0", "0.302"),
        ("4", "Q1", "75.0", "0.522"),
    ]
    q1_options = [row[7:] for row in rows[1:] if row[2].startswith("Q1") and row[7]]
    assert q1_options == [["Never", "yes", "3", "75.0"], ["If blurred", "no", "1", "25.0"], ["Ask", "no", "0", "0.0"]]


def test_csv_cells_cannot_become_formulas(client, hr_user):
    quiz = QuizFactory()
    add_question(quiz, text='=HYPERLINK("http://evil")', right=("@SUM(A1)",), wrong=("-1+2",))
    client.force_login(hr_user)

    rows = list(csv.reader(io.StringIO(client.get(reverse(CSV, args=[quiz.pk])).content.decode())))

    assert rows[1][2].startswith("'=") and rows[2][7] == "'@SUM(A1)" and rows[3][7] == "'-1+2"


@pytest.mark.parametrize("url_name", [PAGE, CSV, "quizzes_item_analysis:index"])
def test_employees_and_admin_users_without_the_permission_are_turned_away(client, roles, quiz, url_name):
    url = reverse(url_name, args=[] if url_name.endswith("index") else [quiz.pk])
    client.force_login(EmployeeFactory(user__username="nurse").user)
    response = client.get(url)
    assert response.status_code == 302 and "/admin/login/" in response["Location"]

    moderator = UserFactory(username="moderator")
    moderator.groups.add(roles["Moderators"])  # into the admin, but not this page
    client.force_login(moderator)
    response = client.get(url)
    assert response.status_code == 302 and response["Location"] == reverse("wagtailadmin_home")


def test_a_missing_quiz_is_a_404(editor_client):
    assert editor_client.get(reverse(PAGE, args=[999_999])).status_code == 404


@pytest.mark.parametrize("attempts", [3, 30])
def test_page_query_count_does_not_grow_with_attempts(client, hr_user, quiz, attempts, django_assert_max_num_queries):
    learner = UserFactory(username="many")
    q = quiz.q
    for number in range(1, attempts + 1):
        answers = [(q[1], number % 2, ["Never" if number % 2 else "Ask"]), (q[2], 1, ["True"]), (q[4], 0.5, ["Ward"])]
        graded_attempt(learner, quiz, answers, number=number)
    client.force_login(hr_user)

    with django_assert_max_num_queries(15):
        response = client.get(reverse(PAGE, args=[quiz.pk]))
    assert response.status_code == 200
    assert f"{attempts} graded attempts" in response.content.decode()


# The permission itself


def test_the_migration_gives_hr_and_editors_the_permission():
    holders = set(
        Permission.objects.get(codename="view_item_analysis", content_type__app_label="quizzes").group_set.values_list(
            "name", flat=True
        )
    )
    assert {"HR", "Editors"} <= holders


def test_a_flush_brings_the_permission_back_for_roles_ensure(db):
    """Transactional tests flush the database, then post_migrate recreates the permissions models declare."""
    Permission.objects.filter(codename="view_item_analysis").delete()
    create_permissions(apps.get_app_config("quizzes"), verbosity=0)

    groups = roles_ensure()

    for name in ("HR", "Editors"):
        assert groups[name].permissions.filter(codename="view_item_analysis", content_type__model="quiz").exists()
