from dataclasses import dataclass
from decimal import Decimal

import pytest

from quizzes.grading import attempt_score, choice_fractions, question_credit, quiz_grade


@dataclass
class C:
    pk: int
    is_correct: bool
    fraction: Decimal | None = None


THREE_RIGHT_ONE_WRONG = [C(1, True), C(2, True), C(3, True), C(4, False)]


def test_derived_fractions_share_one_mark_and_penalise_wrong_options_equally():
    fractions = choice_fractions(THREE_RIGHT_ONE_WRONG)
    assert fractions[1] == fractions[2] == fractions[3] == Decimal(1) / 3
    assert fractions[4] == -Decimal(1) / 3


@pytest.mark.parametrize(
    ("chosen", "partial", "all_or_nothing"),
    [
        ({1, 2, 3}, Decimal(1), Decimal(1)),
        ({1, 2}, Decimal("0.66667"), Decimal(0)),
        ({1, 2, 3, 4}, Decimal("0.66667"), Decimal(0)),
        ({4}, Decimal(0), Decimal(0)),  # never below zero
        (set(), Decimal(0), Decimal(0)),
    ],
)
def test_several_answer_questions_score_by_their_scoring_option(chosen, partial, all_or_nothing):
    kwargs = {"kind": "multiple", "choices": THREE_RIGHT_ONE_WRONG, "chosen_ids": chosen}
    assert question_credit(scoring="partial", **kwargs) == partial
    assert question_credit(scoring="all_or_nothing", **kwargs) == all_or_nothing


def test_explicit_fractions_from_imported_questions_are_used():
    choices = [C(1, True, Decimal("0.5")), C(2, True, Decimal("0.5")), C(3, False, Decimal("-1"))]
    assert question_credit(kind="multiple", scoring="partial", choices=choices, chosen_ids={1}) == Decimal("0.5")
    assert question_credit(kind="multiple", scoring="partial", choices=choices, chosen_ids={1, 3}) == 0
    half = [C(1, True, Decimal("1")), C(2, True, Decimal("0.5")), C(3, False)]
    assert question_credit(kind="single", scoring="all_or_nothing", choices=half, chosen_ids={2}) == Decimal("0.5")
    assert question_credit(kind="single", scoring="all_or_nothing", choices=half, chosen_ids={3}) == 0


def test_attempt_score_is_a_percentage_to_two_decimals():
    assert attempt_score([Decimal(1), Decimal(0), Decimal(1) / 3]) == Decimal("44.44")
    assert attempt_score([]) == 0


@pytest.mark.parametrize(
    ("method", "grade"),
    [("highest", Decimal(90)), ("last", Decimal(70)), ("first", Decimal(50)), ("average", Decimal("70.00"))],
)
def test_quiz_grade_by_method(method, grade):
    assert quiz_grade(scores_in_order=[Decimal(50), Decimal(90), Decimal(70)], method=method) == grade
    assert quiz_grade(scores_in_order=[], method=method) is None
