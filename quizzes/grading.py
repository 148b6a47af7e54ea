"""How a question and a quiz are scored. Pure functions: no database access, easy to reason about and test."""

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal

ZERO, ONE = Decimal(0), Decimal(1)


def choice_fractions(choices: Iterable) -> dict[int, Decimal]:
    """Credit per option, from -1 to 1.

    An explicit `fraction` wins (imported Moodle questions carry them). Otherwise the right options share one
    mark between them and each wrong option takes the same share away, so ticking everything earns nothing.
    """
    choices = list(choices)
    correct = [choice for choice in choices if choice.is_correct]
    share = ONE / len(correct) if correct else ZERO
    return {
        choice.pk: (
            Decimal(choice.fraction) if choice.fraction is not None else (share if choice.is_correct else -share)
        )
        for choice in choices
    }


def question_credit(*, kind: str, scoring: str, choices: Iterable, chosen_ids: set[int]) -> Decimal:
    """Credit from 0 to 1 for one answered choice question. Unanswered questions earn 0."""
    choices = list(choices)
    if not chosen_ids:
        return ZERO
    if kind == "multiple":
        if scoring == "partial":
            fractions = choice_fractions(choices)
            return _clamp(sum((fractions[pk] for pk in chosen_ids if pk in fractions), ZERO))
        return ONE if chosen_ids == {choice.pk for choice in choices if choice.is_correct} else ZERO
    (chosen,) = [choice for choice in choices if choice.pk in chosen_ids] or [None]
    if chosen is None:
        return ZERO
    if chosen.fraction is not None:
        return _clamp(Decimal(chosen.fraction))
    return ONE if chosen.is_correct else ZERO


def attempt_score(credits: Sequence[Decimal]) -> Decimal:
    """Percentage of the marks available, to two decimals."""
    if not credits:
        return ZERO
    return (sum(credits, ZERO) * 100 / len(credits)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def quiz_grade(*, scores_in_order: Sequence[Decimal], method: str) -> Decimal | None:
    """The learner's grade for a quiz from their graded attempts (oldest first), by the quiz's grading method."""
    if not scores_in_order:
        return None
    if method == "last":
        return scores_in_order[-1]
    if method == "first":
        return scores_in_order[0]
    if method == "average":
        return (sum(scores_in_order, ZERO) / len(scores_in_order)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return max(scores_in_order)


CREDIT_PLACES = Decimal("0.00001")  # as stored: 1/3 + 1/3 + 1/3 is a full mark, not 0.99999…


def _clamp(value: Decimal) -> Decimal:
    return min(max(value, ZERO), ONE).quantize(CREDIT_PLACES, rounding=ROUND_HALF_UP)
