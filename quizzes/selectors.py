"""Reads for the quiz pages. What reaches the learner before grading never says which answer is right."""

from dataclasses import dataclass, field

from .models import Attempt


@dataclass
class QuestionView:
    item_id: int
    question_id: int
    position: int
    kind: str
    text: str
    choices: list[tuple[int, str]]
    selected: set[int] = field(default_factory=set)
    error: str = ""


def attempt_questions(*, attempt: Attempt, selected: dict[int, list[int]] | None = None, errors=None):
    """The attempt's questions with their options (ids and texts only) in the order they were put."""
    items = attempt.items.select_related("question").prefetch_related("question__choices")
    selected = selected or {}
    errors = errors or {}
    return [
        QuestionView(
            item_id=item.pk,
            question_id=item.question_id,
            position=item.position,
            kind=item.question.kind,
            text=item.question.text,
            choices=[(choice.pk, choice.text) for choice in item.question.choices.all()],
            selected=set(selected.get(item.question_id, [])),
            error=errors.get(item.question_id, ""),
        )
        for item in items
    ]


@dataclass
class ReviewItem:
    position: int
    text: str
    topic: str
    correct: bool
    chosen: list[str]
    right_answers: list[str]
    explanation: str


def attempt_review(*, attempt: Attempt) -> list[ReviewItem]:
    """Question-by-question outcome of a submitted attempt."""
    items = attempt.items.select_related("question").prefetch_related("question__choices", "selected")
    return [
        ReviewItem(
            position=item.position,
            text=item.question.text,
            topic=item.question.topic,
            correct=item.credit == 1,
            chosen=[choice.text for choice in item.selected.all()],
            right_answers=[choice.text for choice in item.question.choices.all() if choice.is_correct],
            explanation=item.question.explanation,
        )
        for item in items
    ]


def user_attempts(*, user, quiz):
    return Attempt.objects.filter(user=user, quiz=quiz).order_by("-number")
